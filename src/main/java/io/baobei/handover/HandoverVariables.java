package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.baobei.common.BusinessRuleException;

/** Every variable name of {@code HandoverProcess} (business key = handover id), in one place. Ids and display text only. */
public final class HandoverVariables {

    public static final String PROCESS_KEY = "HandoverProcess";
    /** message start event of a handover confirmed through the REST API (POST /api/handovers) */
    public static final String MESSAGE_REQUESTED = "HandoverRequested";

    /** camunda:initiator of the Tasklist start, set by the API for its start: the manager or admin; assignee of the tasks */
    public static final String REQUESTER = "requester";

    // fields of forms/handover-start.form (the same names as the API's request)
    public static final String FROM_USER = "fromUser";
    public static final String MODE = "mode";
    /** one text: user names separated by commas or spaces */
    public static final String RECEIVERS = "receivers";
    public static final String OVERRIDE_QUOTA = "overrideQuota";
    public static final String DISABLE_USER = "disableUser";

    /** the preview shown in Task_ConfirmHandover (text) */
    public static final String PREVIEW_SUMMARY = "previewSummary";
    /** field of forms/handover-preview.form: CONFIRM or CANCEL, read by Gateway_Confirmed */
    public static final String DECISION = "handoverDecision";
    public static final String CONFIRM = "CONFIRM";

    /** how many customers the plan holds: the cardinality of Task_MoveCustomer */
    public static final String ITEM_COUNT = "itemCount";
    /** set by the engine on each instance of Task_MoveCustomer: the item's seq */
    public static final String LOOP_COUNTER = "loopCounter";

    /** DONE or PARTIAL, read by Gateway_HandoverResult */
    public static final String RESULT = "handoverResult";
    /** the outcome as text for forms/handover-result.form */
    public static final String RESULT_SUMMARY = "resultSummary";

    private HandoverVariables() {
    }

    /** The handover a step works on: from the business key the process set, never from a variable a form could write. */
    static Long handoverId(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null) {
            throw new BusinessRuleException("离职交接流程缺少交接单号");
        }
        return Long.valueOf(businessKey);
    }
}
