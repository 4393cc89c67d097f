package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckFollowUp: refuses an incomplete follow-up. Synchronous with the task's completion, so a
 * refusal keeps the follow-up task open with the owner's input and shows the message in Tasklist, and the rules
 * that depend on today's date are judged on the day the owner submits, once.
 */
@Component
public class CheckFollowUpDelegate implements JavaDelegate {

    private final ProtectionService service;

    public CheckFollowUpDelegate(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProtectionService.FollowUpInput input = service.checkFollowUp(ProtectionVariables.customerId(execution),
                execution.getProcessInstanceId(), execution.getVariables());
        execution.setVariable(ProtectionVariables.FOLLOW_UP_ACTION, input.action().name());
        if (input.action() == FollowUpAction.EXTEND) {
            // as checked: a whole number of days and the trimmed reason, whatever type the form submitted
            execution.setVariable(ProtectionVariables.EXTENSION_DAYS, input.extensionDays());
            execution.setVariable(ProtectionVariables.EXTENSION_REASON, input.extensionReason());
        }
    }
}
