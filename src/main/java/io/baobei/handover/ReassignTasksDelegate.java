package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReassignTasks: closes or reassigns the leaver's open registrations, claims and other tasks. */
@Component
public class ReassignTasksDelegate implements JavaDelegate {

    private final HandoverService service;

    public ReassignTasksDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.reassignTasks(HandoverVariables.handoverId(execution), execution.getProcessInstanceId());
    }
}
