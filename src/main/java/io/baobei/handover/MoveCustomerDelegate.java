package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_MoveCustomer, one multi-instance job per customer: the item is the handover's (business key) with the seq the
 * engine gave this instance (loopCounter, a local variable of the instance that no form can reach).
 */
@Component
public class MoveCustomerDelegate implements JavaDelegate {

    private final HandoverService service;

    public MoveCustomerDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int seq = ((Number) execution.getVariableLocal(HandoverVariables.LOOP_COUNTER)).intValue();
        service.moveItem(HandoverVariables.handoverId(execution), seq, execution.getProcessInstanceId());
    }
}
