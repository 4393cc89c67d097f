package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.appeal.AppealVariables.*;
import static io.baobei.registration.RegistrationVariables.registrationId;

/**
 * Task_RecordAppealDecision: checks and records the decision, synchronously with the decision task, so an incomplete
 * decision or a decider who may not decide (their own customer) keeps the task open with the message on the form. The
 * decider is who completed the task, as the engine knows it.
 */
@Component
public class RecordAppealDecisionDelegate implements JavaDelegate {

    private final AppealService service;

    public RecordAppealDecisionDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AppealOutcome outcome = service.recordDecision(registrationId(execution), execution.getProcessInstanceId(),
                execution.getVariable(OUTCOME), execution.getVariable(DECISION_REASON),
                TaskDecider.of(execution, DECIDED_BY, "申诉裁决只能通过裁决任务提交"));
        execution.setVariable(OUTCOME, outcome.name());
    }
}
