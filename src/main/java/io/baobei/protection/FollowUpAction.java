package io.baobei.protection;

/** What the owner reports when completing the follow-up task. */
public enum FollowUpAction {
    /** 记录跟进 */
    RECORD,
    /** 已成交 */
    DEAL_WON,
    /** 释放到公海: the owner gives the customer up; the content is the reason */
    RELEASE,
    /** 申请延期: the owner asks the team's manager for a longer protection (days and reason); the loop goes on */
    EXTEND
}
