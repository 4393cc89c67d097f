package io.baobei.pool;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.LongValue;
import org.camunda.bpm.engine.variable.value.StringValue;

/** Every variable name of {@code PoolClaimProcess}, in one place. Ids and display values only. */
public final class PoolClaimVariables {

    public static final String PROCESS_KEY = "PoolClaimProcess";
    /** message start event of a claim through the REST API (POST /api/pool/{id}/claim) */
    public static final String MESSAGE_CLAIM_REQUESTED = "PoolClaimRequested";
    /** error code thrown when a claim cannot be granted (refused by a rule, or another rep got the customer) */
    public static final String ERROR_CLAIM_NOT_GRANTED = "ClaimNotGranted";

    /** camunda:initiator of the Tasklist start, set by the API for its start: the rep who claims */
    public static final String CLAIMANT = "claimant";
    /** TASKLIST (default) or API: where a refusal goes (back to the choice, or the end) */
    public static final String CHANNEL = "channel";
    public static final String CHANNEL_API = "API";

    // fields of forms/pool-claim-search.form and pool-claim-choose.form
    public static final String SEARCH_TEXT = "searchText";
    public static final String SEARCH_INDUSTRY = "searchIndustry";
    public static final String SEARCH_REGION = "searchRegion";
    public static final String SEARCH_GRADE = "searchGrade";
    /** the chosen customer (the select's value, a string) */
    public static final String CUSTOMER_ID = "customerId";
    public static final String CLAIM_REASON = "claimReason";
    /** CLAIM (default), SEARCH or CANCEL, read by Gateway_ChooseAction */
    public static final String CHOOSE_ACTION = "chooseAction";

    /** the select's options: [{"label", "value"}] of the search results */
    public static final String POOL_OPTIONS = "poolOptions";
    public static final String POOL_SEARCH_SUMMARY = "poolSearchSummary";

    public static final String CLAIM_ID = "claimId";
    /** ACCEPTED / PENDING_DRAW (Gateway_ClaimOutcome), LOST / REFUSED (with the error) */
    public static final String CLAIM_OUTCOME = "claimOutcome";
    /** Chinese: why a claim was refused or lost, or what happens next */
    public static final String CLAIM_MESSAGE = "claimMessage";
    /** java.util.Date: the end of the draw window, TimerEvent_DrawAt fires then */
    public static final String DRAW_AT = "drawAt";
    /** the customer's grade: input of the decision PoolClaimApproval */
    public static final String GRADE = "grade";
    /** output of Task_DecideApproval (PoolClaimApproval), read by Gateway_ApprovalRequired */
    public static final String APPROVAL_REQUIRED = "approvalRequired";
    /** candidate group of the approval task: the managers of the claimant's team */
    public static final String APPROVER_GROUP = "approverGroup";
    public static final String COMPANY_NAME = "companyName";

    // fields of forms/pool-claim-approval.form
    /** APPROVE / REJECT, read by Gateway_ClaimApproved */
    public static final String CLAIM_DECISION = "claimDecision";
    public static final String CLAIM_DECISION_REASON = "claimDecisionReason";
    /** transient, set by the approval task's complete listener: who decided */
    public static final String CLAIM_DECIDED_BY = "claimDecidedBy";

    private PoolClaimVariables() {
    }

    /** The claim of this instance, set by Task_CheckClaim. */
    public static Long claimId(VariableScope scope) {
        LongValue value = scope.getVariableTyped(CLAIM_ID);
        if (value == null || value.getValue() == null) {
            throw new IllegalStateException("claim process without " + CLAIM_ID);
        }
        return value.getValue();
    }

    /** The claimant: the Tasklist start's initiator, or the signed-in rep of the API request. */
    public static String claimant(VariableScope scope) {
        StringValue value = scope.getVariableTyped(CLAIMANT);
        return value == null ? null : value.getValue();
    }
}
