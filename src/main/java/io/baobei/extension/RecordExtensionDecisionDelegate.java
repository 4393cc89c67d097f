package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.extension.ExtensionVariables.*;

/**
 * Task_RecordExtensionDecision (synchronous: an incomplete decision, or one by the requester, is refused while the
 * manager is on the form). The decider is the transient variable of the decide task's complete listener.
 */
@Component
public class RecordExtensionDecisionDelegate implements JavaDelegate {

    private final ExtensionService service;

    public RecordExtensionDecisionDelegate(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String decider = TaskDecider.of(execution, EXTENSION_DECIDED_BY, "审批结果只能通过审批任务提交");
        boolean approved = service.decide(extensionId(execution), execution.getProcessInstanceId(),
                execution.getVariable(EXTENSION_DECISION), execution.getVariable(EXTENSION_DECISION_REASON), decider);
        execution.setVariable(EXTENSION_DECISION, approved ? "APPROVE" : "REJECT");
    }
}
