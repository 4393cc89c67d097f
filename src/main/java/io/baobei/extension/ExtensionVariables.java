package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Every variable name of {@code ProtectionExtensionProcess} (business key = the request's id), in one place. Ids and
 * display values only.
 */
public final class ExtensionVariables {

    public static final String PROCESS_KEY = "ProtectionExtensionProcess";
    /** message that ends the approval when the customer has left the requester (BoundaryEvent_CustomerLeft) */
    public static final String MESSAGE_OBSOLETE = "ExtensionObsolete";

    public static final String CUSTOMER_ID = "customerId";
    public static final String REQUESTER = "requester";
    public static final String COMPANY_NAME = "companyName";
    // inputs of the decision ExtensionPolicy (Task_CheckExtensionLimits)
    public static final String GRADE = "grade";
    /** approved extensions of this protection period so far */
    public static final String PREVIOUS_EXTENSIONS = "previousExtensions";
    /** the requested days; also the name the follow-up task's 申请延期 action sends (RequestExtensionDelegate) */
    public static final String EXTENSION_DAYS = "extensionDays";
    /** the reason field of the follow-up task's 申请延期 action (CustomerProtectionProcess, RequestExtensionDelegate) */
    public static final String EXTENSION_REASON = "extensionReason";
    /** output of Task_CheckExtensionLimits: why the request is refused, null when within the limits */
    public static final String EXTENSION_REFUSAL = "extensionRefusal";
    /** candidate group of Task_DecideExtension: the managers of the requester's team */
    public static final String APPROVER_GROUP = "approverGroup";
    /** java.util.Date: due date of Task_DecideExtension */
    public static final String DECIDE_BY = "decideBy";

    // fields of forms/extension-decide.form
    /** APPROVE / REJECT, read by Gateway_ExtensionApproved */
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String EXTENSION_DECISION_REASON = "extensionDecisionReason";
    /** transient, set by the decide task's complete listener: who decided */
    public static final String EXTENSION_DECIDED_BY = "extensionDecidedBy";
    // task-local, shown read-only by the form (set when the task is created)
    public static final String TASK_OWNER = "extensionOwner";
    public static final String TASK_CURRENT_END = "extensionCurrentEnd";
    public static final String TASK_REQUESTED = "extensionRequested";
    public static final String TASK_REASON = "extensionRequestReason";

    /** set by the message ExtensionObsolete: why the approval ended */
    public static final String CANCEL_REASON = "cancelReason";

    private ExtensionVariables() {
    }

    /** The request of this instance: its business key (a form submission cannot change it). */
    public static Long extensionId(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        if (key == null) {
            throw new IllegalStateException("extension process without business key");
        }
        return Long.valueOf(key);
    }
}
