package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_StartHandover (synchronous, in the transaction of the confirmation or of the API request): fixes the plan,
 * disables the leaver if asked, and sets how many Task_MoveCustomer jobs follow.
 */
@Component
public class StartHandoverDelegate implements JavaDelegate {

    private final HandoverService service;

    public StartHandoverDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int count = service.confirm(HandoverVariables.handoverId(execution), execution.getProcessInstanceId());
        execution.setVariable(HandoverVariables.ITEM_COUNT, count);
    }
}
