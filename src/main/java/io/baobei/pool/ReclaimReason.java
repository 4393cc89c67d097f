package io.baobei.pool;

import io.baobei.customer.OwnershipAction;

/** Why a customer went back to the public pool. */
public enum ReclaimReason {
    /** 超时未跟进 */
    FOLLOW_UP_OVERDUE("超过跟进期限未记录跟进，自动回收公海", OwnershipAction.RECLAIMED_NO_FOLLOW_UP),
    /** 保护期到期 */
    PROTECTION_EXPIRED("保护期到期，自动回收公海", OwnershipAction.RECLAIMED_EXPIRED);

    private final String description;
    private final OwnershipAction action;

    ReclaimReason(String description, OwnershipAction action) {
        this.description = description;
        this.action = action;
    }

    public String description() {
        return description;
    }

    public OwnershipAction action() {
        return action;
    }
}
