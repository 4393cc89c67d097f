package io.baobei.registration;

/** Where a registration stands; the REST API reports these names. */
public enum RegistrationStatus {
    /** 查重中: submitted, duplicate check pending */
    CHECKING("查重中"),
    /** 待审核 */
    IN_REVIEW("待审核"),
    /** 退回修改 */
    REVISION("退回修改"),
    /** 撞单: a colleague owns the customer */
    CONFLICT("撞单"),
    /** 已通过 */
    APPROVED("已通过"),
    /** 未通过: approved, but the ownership rules refused the grant (quota, cooldown, publication, daily limit) */
    REFUSED("未通过（归属规则）"),
    /** 已驳回 */
    REJECTED("已驳回"),
    /** 已撤回 */
    WITHDRAWN("已撤回"),
    /** 申诉中: the submitter appealed a conflict or a rejection as a duplicate (io.baobei.appeal); decided by the deciders */
    APPEALING("申诉中"),
    /** 申诉未获支持: the appeal was dismissed; the registration is closed, the reason kept as refusalReason */
    APPEAL_DISMISSED("申诉未获支持");

    private final String label;

    RegistrationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
