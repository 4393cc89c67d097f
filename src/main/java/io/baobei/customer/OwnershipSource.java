package io.baobei.customer;

/** How a rep came to hold a customer: the input "source" of ProtectionPolicy.dmn. */
public enum OwnershipSource {
    /** 报备通过 */
    REGISTRATION,
    /** 领取公海客户 */
    POOL_CLAIM,
    /** 主管转移 */
    TRANSFER,
    /** 离职交接 */
    HANDOVER,
    /** 导入 */
    IMPORT
}
