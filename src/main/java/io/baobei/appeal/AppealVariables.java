package io.baobei.appeal;

/**
 * Every variable name of the appeal (申诉, SubProcess_Appeal of CustomerRegistrationProcess), in one place. Like the
 * rest of that process, the variables hold routing values and display texts; the appeal itself (reason, evidence,
 * decision) lives in the {@code appeal} table, and every step finds it by the process instance's business key.
 */
public final class AppealVariables {

    // the submitter's choice and the appeal's fields, on 撞单处理 (registration-conflict.form) and 报备未通过
    // (registration-rejected.form); Task_FileAppeal moves them into the appeal and removes them
    /** APPEAL: appeal instead of withdrawing (撞单处理) or acknowledging (报备未通过); read by the gateways after them */
    public static final String APPEAL_ACTION = "appealAction";
    public static final String APPEAL = "APPEAL";
    public static final String APPEAL_REASON = "appealReason";
    public static final String APPEAL_EVIDENCE = "appealEvidence";
    public static final String APPEAL_FIRST_CONTACT_DATE = "appealFirstContactDate";

    /** candidate group of Task_DecideAppeal, from AppealDeciders: the team's managers, or sales-directors */
    public static final String DECIDER_GROUP = "appealDeciderGroup";
    /** ISO 8601 duration (RegistrationPolicy.dmn appealEscalation, default PT48H): due date and BoundaryEvent_AppealOverdue */
    public static final String APPEAL_ESCALATION = "appealEscalation";

    // the decision form (appeal-decide.form); Task_RecordAppealDecision validates them
    /** DISMISS / TRANSFER / NOT_SAME, read by Gateway_AppealOutcome and, after the subprocess, Gateway_AppealResult */
    public static final String OUTCOME = "appealOutcome";
    public static final String DECISION_REASON = "appealDecisionReason";
    /** transient: who completed Task_DecideAppeal (engine.TaskDecider) */
    public static final String DECIDED_BY = "appealDecidedBy";

    // task-local display values of Task_DecideAppeal (AppealTaskListener): both sides, no contact data
    public static final String APPEAL_CASE = "appealCase";
    public static final String REGISTRATION_SIDE = "registrationSide";
    public static final String CUSTOMER_SIDE = "customerSide";
    public static final String OWNERSHIP_HISTORY = "ownershipHistory";

    private AppealVariables() {
    }
}
