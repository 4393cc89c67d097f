package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CancelHandover: the manager chose not to confirm; nothing was moved. */
@Component
public class CancelHandoverDelegate implements JavaDelegate {

    private final HandoverService service;

    public CancelHandoverDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.cancel(HandoverVariables.handoverId(execution), execution.getProcessInstanceId());
    }
}
