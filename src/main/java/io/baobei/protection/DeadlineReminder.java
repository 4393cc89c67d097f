package io.baobei.protection;

/** The reminder and warning timers of Task_FollowUp: the input parameter {@code reminder} of their service tasks. */
public enum DeadlineReminder {
    /** BoundaryEvent_FollowUpReminder: the owner, before the follow-up deadline */
    FOLLOW_UP_DUE,
    /** BoundaryEvent_ProtectionReminder: the owner, before the protection ends; the task shows the countdown */
    PROTECTION_ENDING,
    /** BoundaryEvent_ManagerEscalation: the owner and the team's managers, before the reclaim */
    MANAGER_ESCALATION,
    /** BoundaryEvent_UnconvertedWarning: 长期未成交, the owner and the team's managers, once per protection */
    UNCONVERTED
}
