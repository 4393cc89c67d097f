package io.baobei.appeal;

/** The decider's answer to an appeal. */
public enum AppealOutcome {
    /** 驳回申诉: the registration is closed, the appellant told why */
    DISMISS("驳回申诉", "驳回"),
    /** 客户转给申诉人: the customer moves to the appellant through the ownership core */
    TRANSFER("申诉成立，客户转给申诉人", "支持（客户已转给您）"),
    /** 不是同一家公司: the registration goes to review as a new customer; the pair is never matched again */
    NOT_SAME("申诉成立，不是同一家公司", "支持（认定为不同公司，报备转入审核）");

    private final String label;
    /** what the appellant's notification says: "您…的申诉已被 李主管 {decision}" */
    private final String toAppellant;

    AppealOutcome(String label, String toAppellant) {
        this.label = label;
        this.toAppellant = toAppellant;
    }

    public String label() {
        return label;
    }

    String toAppellant() {
        return toAppellant;
    }
}
