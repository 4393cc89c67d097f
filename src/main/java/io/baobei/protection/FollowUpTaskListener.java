package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_FollowUp, on complete: refuses an incomplete follow-up while the owner still has the form open. */
@Component
public class FollowUpTaskListener implements TaskListener {

    private final ProtectionService service;

    public FollowUpTaskListener(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        ProtectionService.FollowUpInput input = service.validateFollowUp(task.getVariables());
        task.getExecution().setVariable(ProtectionVariables.FOLLOW_UP_ACTION, input.action().name());
    }
}
