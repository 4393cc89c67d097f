package io.baobei.customer;

public enum CustomerStatus {
    /** 保护中: owned by a rep until protectedUntil */
    PROTECTED("保护中"),
    /** 公海池: no owner, open to claim */
    POOL("公海"),
    /** 已成交: the deal was won; stays with the rep who won it */
    CONVERTED("已成交"),
    /** 已合并: closed as a duplicate of another customer (mergedIntoId), kept for its record, never deleted */
    MERGED("已合并");

    private final String label;

    CustomerStatus(String label) {
        this.label = label;
    }

    /** The status as pages show it. */
    public String label() {
        return label;
    }
}
