package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.EARLIER_FOLLOW_UPS;
import static io.baobei.protection.ProtectionVariables.customerId;

/**
 * Task_FollowUp, on create: the customer's earlier follow-ups, read-only, on the task itself. Task-local, so only
 * the people who may work the task read it, and it ends with the task; the history level keeps it (and the notes
 * the form submits) out of the history tables, since notes may contain personal data.
 */
@Component
public class FollowUpTaskListener implements TaskListener {

    private final ProtectionService service;

    public FollowUpTaskListener(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariableLocal(EARLIER_FOLLOW_UPS, service.earlierFollowUpsText(customerId(task.getExecution())));
    }
}
