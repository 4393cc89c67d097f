package io.baobei.protection;

/** What the owner reports when completing the follow-up task. */
public enum FollowUpAction {
    /** 记录跟进 */
    RECORD,
    /** 已成交 */
    DEAL_WON
}
