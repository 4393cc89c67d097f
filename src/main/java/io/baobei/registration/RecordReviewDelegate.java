package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

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
                execution.getVariable(REVIEW_DECISION), execution.getVariable(REVIEW_REASON),
                execution.getVariable(REJECTED_AS_DUPLICATE), decider(execution));
        execution.setVariable(REVIEW_DECISION, decision.name());
    }

    /** Who decided: the transient value the review task's complete listener set (see TaskDecider). */
    static String decider(DelegateExecution execution) {
        return TaskDecider.of(execution, REVIEWED_BY, "审核结果只能通过审核任务提交");
    }
}
