package io.baobei.registration;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Every variable name of {@code CustomerRegistrationProcess}, in one place. Variables hold ids and
 * display values only; the registration itself lives in the {@code registration} table.
 */
public final class RegistrationVariables {

    public static final String PROCESS_KEY = "CustomerRegistrationProcess";

    // fields of the start and revision forms (forms/registration-start.form, registration-revise.form)
    public static final String COMPANY_NAME = "companyName";
    public static final String CREDIT_CODE = "creditCode";
    public static final String CONTACT_NAME = "contactName";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String INDUSTRY = "industry";
    public static final String REGION = "region";
    public static final String GRADE = "grade";
    public static final String FIRST_CONTACT_DATE = "firstContactDate";
    public static final String NOTES = "notes";

    /** Submitted with the forms, moved to the registration table and removed before anything persists. */
    public static final Set<String> CONTACT_FIELDS = Set.of(CONTACT_NAME, PHONE, EMAIL);
    public static final List<String> FORM_FIELDS = List.of(COMPANY_NAME, CREDIT_CODE, CONTACT_NAME, PHONE, EMAIL,
            INDUSTRY, REGION, GRADE, FIRST_CONTACT_DATE, NOTES);

    /** set by the start event (camunda:initiator): the rep who registers */
    public static final String SUBMITTER = "submitter";
    public static final String REGISTRATION_ID = "registrationId";
    /** candidate group of the review task: the managers of the submitter's team */
    public static final String REVIEWER_GROUP = "reviewerGroup";
    /**
     * how long the review may wait before the directors join in (ISO 8601 duration from RegistrationPolicy.dmn, e.g.
     * PT24H): the review task's due date and BoundaryEvent_ReviewOverdue; set by Task_ValidateRegistration
     */
    public static final String REVIEW_ESCALATION = "reviewEscalation";
    /** CLEAR / SUSPECT / CONFLICT, read by Gateway_DuplicateVerdict */
    public static final String VERDICT = "verdict";
    public static final String VERDICT_LABEL = "verdictLabel";
    /** APPROVE / REJECT / REVISE, from the review form, read by Gateway_ReviewDecision */
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_REASON = "reviewReason";
    /** from the review form with 驳回: the reason is a duplicate of an existing customer (the submitter may appeal) */
    public static final String REJECTED_AS_DUPLICATE = "rejectedAsDuplicate";
    /** the manager who completed the review task */
    public static final String REVIEWED_BY = "reviewedBy";
    /** GRANTED / CONFLICT, read by Gateway_GrantOutcome */
    public static final String GRANT_OUTCOME = "grantOutcome";
    public static final String CUSTOMER_ID = "customerId";

    // task-local display values (visible to that task's users only); 修改报备 also carries the submitter's
    // CONTACT_FIELDS task-locally, encrypted (ReviseTaskListener)
    public static final String DUPLICATE_SUMMARY = "duplicateSummary";
    public static final String CONTACT_SUMMARY = "contactSummary";
    public static final String CONFLICT_NOTICE = "conflictNotice";
    /** on 审核报备: the submitter as people know them, "李明（rep1）" */
    public static final String SUBMITTER_NAME = "submitterName";
    /** on 审核报备: 报备时效, "报备时效：逾期（首次接触日结束后 52 小时提交，超过 24 小时时限）" */
    public static final String TIMELINESS_NOTICE = "timelinessNotice";
    /** on 修改报备: the manager who sent it back, by name */
    public static final String REVIEWER_NAME = "reviewerName";
    /** on 报备未通过: who decided and when, and why (the manager's reason or the ownership rule's) */
    public static final String DECISION_NOTICE = "decisionNotice";
    public static final String REJECTION_REASON = "rejectionReason";
    /** on 报备未通过: whether the submitter may appeal (rejected as a duplicate of a SUSPECT match); shows the choice */
    public static final String APPEALABLE = "appealable";

    /** ends a registration from outside, at whatever step (SubProcess_RegistrationWithdrawn) */
    public static final String MESSAGE_WITHDRAWN = "RegistrationWithdrawn";
    /** why it was withdrawn from outside, carried by that message */
    public static final String WITHDRAWAL_REASON = "withdrawalReason";

    private RegistrationVariables() {
    }

    /**
     * The registration of a process instance: its business key, set by Task_ValidateRegistration. Never
     * read from a variable, which a form submission could overwrite.
     */
    public static Long registrationId(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null) {
            throw new IllegalStateException("process instance " + execution.getProcessInstanceId() + " has no registration");
        }
        return Long.valueOf(businessKey);
    }
}
