package io.baobei.customer;

/** The rule that refuses a claim (or a registration of a pool customer, or a transfer to a full rep). */
public enum ClaimRule {
    /** 保有量已满 */
    QUOTA,
    /** 今日领取已达上限 */
    DAILY_LIMIT,
    /** 冷却期内：刚失去的客户 */
    COOLDOWN,
    /** 不在公海 */
    NOT_IN_POOL,
    /** 尚未发布（或在抽签窗口内，只能通过公海领取参与抽签） */
    NOT_YET_PUBLISHED
}
