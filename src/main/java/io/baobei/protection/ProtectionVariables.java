package io.baobei.protection;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.StringValue;

import io.baobei.customer.Deal;

/** Every variable name of {@code CustomerProtectionProcess} (business key = customer id), in one place. */
public final class ProtectionVariables {

    public static final String PROCESS_KEY = "CustomerProtectionProcess";

    /** the follow-up task whose assignee is the owner */
    public static final String FOLLOW_UP_TASK = "Task_FollowUp";
    /** The timer that reclaims the customer when the protection ends; re-dated when the end moves (延期). */
    public static final String PROTECTION_EXPIRED_TIMER = "BoundaryEvent_ProtectionExpired";
    /** The reminder and warning timers of Task_FollowUp (non-interrupting), each fired at the date variable below. */
    public static final String FOLLOW_UP_REMINDER_TIMER = "BoundaryEvent_FollowUpReminder";
    public static final String PROTECTION_REMINDER_TIMER = "BoundaryEvent_ProtectionReminder";
    public static final String MANAGER_ESCALATION_TIMER = "BoundaryEvent_ManagerEscalation";
    public static final String UNCONVERTED_WARNING_TIMER = "BoundaryEvent_UnconvertedWarning";
    /** the follow-up overdue timer (reclaims) */
    public static final String FOLLOW_UP_OVERDUE_TIMER = "BoundaryEvent_FollowUpOverdue";
    /** 申请延期 chosen in the follow-up task: submits the request (delegate of the extension feature), then loops */
    public static final String REQUEST_EXTENSION_TASK = "Task_RequestExtension";
    /** ends a running protection from outside (release by API, transfer that restarts the clocks): the event subprocess */
    public static final String MESSAGE_PROTECTION_ENDED = "ProtectionEnded";
    /** set with that message: the OwnershipAction that ended it */
    public static final String END_REASON = "endReason";

    public static final String CUSTOMER_ID = "customerId";
    public static final String COMPANY_NAME = "companyName";
    /** assignee of the follow-up task */
    public static final String OWNER = "owner";
    /** java.util.Date: BoundaryEvent_ProtectionExpired fires then */
    public static final String PROTECTED_UNTIL = "protectedUntil";
    /** java.util.Date: due date of Task_FollowUp; BoundaryEvent_FollowUpOverdue fires then */
    public static final String FOLLOW_UP_DUE = "followUpDue";
    /** java.util.Date: BoundaryEvent_FollowUpReminder fires then (followUpDue − followUpReminderHours) */
    public static final String FOLLOW_UP_REMINDER_AT = "followUpReminderAt";
    /** java.util.Date: BoundaryEvent_ProtectionReminder fires then (protectedUntil − protectionReminderDays) */
    public static final String PROTECTION_REMINDER_AT = "protectionReminderAt";
    /** java.util.Date: BoundaryEvent_ManagerEscalation fires then (the earlier deadline − managerEscalationDays) */
    public static final String MANAGER_ESCALATION_AT = "managerEscalationAt";
    /** java.util.Date: BoundaryEvent_UnconvertedWarning fires then (unconvertedShare of the period after its start) */
    public static final String UNCONVERTED_WARNING_AT = "unconvertedWarningAt";
    /**
     * Each timer of Task_FollowUp and the variable holding its date: what an extension (deadlinesMoved) re-dates.
     */
    public static final java.util.Map<String, String> TIMER_DATES = java.util.Map.of(
            PROTECTION_EXPIRED_TIMER, PROTECTED_UNTIL, FOLLOW_UP_OVERDUE_TIMER, FOLLOW_UP_DUE,
            FOLLOW_UP_REMINDER_TIMER, FOLLOW_UP_REMINDER_AT, PROTECTION_REMINDER_TIMER, PROTECTION_REMINDER_AT,
            MANAGER_ESCALATION_TIMER, MANAGER_ESCALATION_AT, UNCONVERTED_WARNING_TIMER, UNCONVERTED_WARNING_AT);
    /** the same two dates as text for the form */
    public static final String PROTECTED_UNTIL_TEXT = "protectedUntilText";
    public static final String FOLLOW_UP_DUE_TEXT = "followUpDueText";

    // fields of forms/protection-follow-up.form
    /** RECORD, DEAL_WON or RELEASE, read by Gateway_FollowUpAction */
    public static final String FOLLOW_UP_ACTION = "followUpAction";
    public static final String CHANNEL = "channel";
    public static final String CONTENT = "content";
    public static final String NEXT_CONTACT_DATE = "nextContactDate";
    /** 已成交 only: 成交金额 (yuan), 签约日期 and the checkbox 确认已与客户签约 */
    public static final String DEAL_AMOUNT = Deal.AMOUNT;
    public static final String DEAL_SIGNED_ON = Deal.SIGNED_ON;
    public static final String DEAL_CONFIRMED = "dealConfirmed";
    /** 申请延期 only: days asked for (1..90) and the reason; read by the extension feature's requestExtensionDelegate */
    public static final String EXTENSION_DAYS = "extensionDays";
    public static final String EXTENSION_REASON = "extensionReason";
    /** every field of the form, removed after a follow-up is recorded so the next task starts empty */
    public static final List<String> FORM_FIELDS = List.of(FOLLOW_UP_ACTION, CHANNEL, CONTENT, NEXT_CONTACT_DATE,
            DEAL_AMOUNT, DEAL_SIGNED_ON, DEAL_CONFIRMED, EXTENSION_DAYS, EXTENSION_REASON);

    /**
     * task-local on Task_FollowUp: "保护期还剩 3 天（至 …）" in the protection's last days (from protectionReminderDays
     * before its end), set when the task is created and when the protection reminder fires; empty before
     */
    public static final String COUNTDOWN_TEXT = "countdownText";
    /** input parameter of the reminder tasks: which reminder (a DeadlineReminder name) */
    public static final String REMINDER = "reminder";
    /** task-local on Task_FollowUp: the customer's earlier follow-ups as text, most recent first */
    public static final String EARLIER_FOLLOW_UPS = "earlierFollowUps";
    /**
     * Variables that carry follow-up notes (and the reason of an extension request), which may name people or hold
     * their numbers: the history level
     * (engine.PersonalDataHistoryLevel) keeps them out of the history tables.
     */
    public static final Set<String> PERSONAL = Set.of(CONTENT, EARLIER_FOLLOW_UPS, EXTENSION_REASON);

    /** input parameter of the two reclaim tasks: why the customer goes back to the pool */
    public static final String RECLAIM_REASON = "reclaimReason";

    private ProtectionVariables() {
    }

    /** The reclaim task's input parameter: a ReclaimReason name. */
    public static String reclaimReason(VariableScope scope) {
        StringValue value = scope.getVariableTyped(RECLAIM_REASON);
        if (value == null || value.getValue() == null) {
            throw new IllegalStateException("reclaim task without " + RECLAIM_REASON);
        }
        return value.getValue();
    }

    /** The customer of a protection instance: its business key (a form submission cannot change it). */
    public static Long customerId(DelegateExecution execution) {
        return Long.valueOf(execution.getProcessBusinessKey());
    }
}
