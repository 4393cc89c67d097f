package io.baobei.extension;

/** Where a request to extend a protection stands; the API reports these names. */
public enum ExtensionStatus {
    /** 待审批：在延期限制内，等待申请人所在团队的主管 */
    PENDING("待审批"),
    /** 已批准：保护期已延长 */
    APPROVED("已批准"),
    /** 已驳回：主管驳回（原因在 decisionReason） */
    REJECTED("已驳回"),
    /** 未受理：超出延期限制（ExtensionPolicy），或提出时客户不在申请人保护中、已有待审批的申请（原因在 message） */
    REFUSED("未受理"),
    /** 已取消：审批结束前客户已不在申请人的这一保护期中（转移、回收、释放、成交） */
    CANCELLED("已取消");

    private final String label;

    ExtensionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
