package io.baobei.pool;

/** Where a claim of a pool customer stands; the API reports these names (outcome). */
public enum ClaimStatus {
    /** 已通过规则检查，正在授予（同一事务内；审批或抽签中签后也是此状态，直到授予） */
    ACCEPTED("处理中"),
    /** 待主管审批 */
    PENDING_APPROVAL("待主管审批"),
    /** 抽签窗口内提交，等待抽签 */
    PENDING_DRAW("待抽签"),
    /** 已领取：领取人成为归属销售 */
    GRANTED("已领取"),
    /** 规则不允许（rule 说明哪条规则） */
    REFUSED("未通过"),
    /** 被同事领取，或抽签未中 */
    LOST("未领到"),
    /** 主管驳回 */
    REJECTED("主管驳回");

    private final String label;

    ClaimStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean isPending() {
        return this == ACCEPTED || this == PENDING_APPROVAL || this == PENDING_DRAW;
    }
}
