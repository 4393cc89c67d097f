package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import io.baobei.common.BusinessRuleException;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_RecordReview: validates and records the manager's decision. Synchronous with the review task's
 * completion, so an incomplete decision keeps the task open and the message reaches the manager.
 */
@Component
public class RecordReviewDelegate implements JavaDelegate {

    private final RegistrationService service;

    public RecordReviewDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReviewDecision decision = service.recordReview(registrationId(execution), execution.getProcessInstanceId(),
                execution.getVariable(REVIEW_DECISION), execution.getVariable(REVIEW_REASON), decider(execution));
        execution.setVariable(REVIEW_DECISION, decision.name());
    }

    /**
     * Who decided: only the transient value the review task's complete listener sets in this very transaction.
     * A stored variable of that name (sent with a form or a start) is not a decision, and whoever is signed in
     * must be the one who decided.
     */
    static String decider(DelegateExecution execution) {
        TypedValue reviewer = execution.getVariableTyped(REVIEWED_BY);
        if (reviewer == null || !reviewer.isTransient() || !(reviewer.getValue() instanceof String name)) {
            throw new BusinessRuleException("审核结果只能通过审核任务提交");
        }
        var signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (signedIn != null && signedIn.getUserId() != null && !signedIn.getUserId().equals(name)) {
            throw new BusinessRuleException("审核结果只能通过审核任务提交");
        }
        return name;
    }
}
