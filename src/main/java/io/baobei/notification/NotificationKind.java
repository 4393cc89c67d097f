package io.baobei.notification;

/**
 * Every kind of event that notifies someone (issue "Notifications"). Each has its texts in
 * notifications/messages.properties ({@code KIND.title}, {@code KIND.body}, {@code KIND.robot}); the label is what a
 * group robot may say about the event, since a group sees it.
 */
public enum NotificationKind {
    REGISTRATION_APPROVED("报备已通过"),
    REGISTRATION_REJECTED("报备未通过"),
    REGISTRATION_SENT_BACK("报备被退回修改"),
    REVIEW_WAITING("有报备待审核"),
    REVIEW_ESCALATED("报备审核已超时"),
    CONFLICT_FOUND("报备发现冲突"),
    // deadlines of the protection process (protection.ProtectionReminders, docs/deadlines.md)
    FOLLOW_UP_DUE("客户即将到跟进期限"),
    PROTECTION_ENDING("客户保护期即将结束"),
    RECLAIM_SOON("客户即将被回收"),
    RECLAIM_ESCALATED("团队客户即将被回收"),
    UNCONVERTED_WARNING("客户长期未成交预警"),
    RECLAIMED("客户已被回收到公海"),
    EXTENSION_DECIDED("延期申请已有结果"),
    EXTENSION_WAITING("有延期申请待审批"),
    CLAIM_DECIDED("公海领取已有审批结果"),
    APPEAL_FILED("有新的申诉"),
    APPEAL_DECIDED("申诉已有结果"),
    APPEAL_ESCALATED("申诉裁决已超时"),
    APPEAL_CUSTOMER_LOST("客户因申诉转出"),
    HANDOVER_DONE("客户交接已完成"),
    CUSTOMER_TRANSFERRED("有客户转给您"),
    // 合并重复客户 (duplicates.DuplicateClusterService): the rep who held a merged customer, the survivor's owner
    CUSTOMER_MERGED("客户已作为重复客户合并"),
    DUPLICATES_MERGED_INTO("重复客户已并入您的客户");

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
