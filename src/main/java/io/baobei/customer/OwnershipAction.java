package io.baobei.customer;

/** What changed a customer's owner or status; one row of ownership history each. */
public enum OwnershipAction {
    /** 报备通过，授予保护期 */
    PROTECTION_GRANTED,
    /** 超时未跟进，回收公海 */
    RECLAIMED_NO_FOLLOW_UP,
    /** 保护期到期，回收公海 */
    RECLAIMED_EXPIRED,
    /** 成交 */
    CONVERTED,
    /** 导入 / 初始化 */
    IMPORTED
}
