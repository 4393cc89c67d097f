package io.baobei.customer;

public enum CustomerStatus {
    /** 保护中: owned by a rep until protectedUntil */
    PROTECTED,
    /** 公海池: no owner, open to claim */
    POOL,
    /** 已成交: the deal was won; stays with the rep who won it */
    CONVERTED
}
