package io.baobei.customer;

/** The rule that refuses a claim (or a registration of a pool customer, or a transfer to a full rep). */
public enum ClaimRule {
    /** 保有量已满 */
    QUOTA("保有量已满"),
    /** 今日领取已达上限 */
    DAILY_LIMIT("今日领取已达上限"),
    /** 冷却期内：刚失去的客户 */
    COOLDOWN("冷却期内"),
    /** 不在公海 */
    NOT_IN_POOL("不在公海"),
    /** 尚未发布（或在抽签窗口内，只能通过公海领取参与抽签） */
    NOT_YET_PUBLISHED("尚未到发布时间");

    private final String label;

    ClaimRule(String label) {
        this.label = label;
    }

    /** The rule's name as pages show it beside the refusal's message. */
    public String label() {
        return label;
    }
}
