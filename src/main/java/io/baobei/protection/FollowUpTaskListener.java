package io.baobei.protection;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.*;

/**
 * Task_FollowUp, on create: the customer's earlier follow-ups, read-only, on the task itself. Task-local, so only
 * the people who may work the task read it, and it ends with the task; the history level keeps it (and the notes
 * the form submits) out of the history tables, since notes may contain personal data.
 */
@Component
public class FollowUpTaskListener implements TaskListener {

    private final ProtectionService service;
    private final DeadlineDates dates;

    public FollowUpTaskListener(ProtectionService service, DeadlineDates dates) {
        this.service = service;
        this.dates = dates;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariableLocal(EARLIER_FOLLOW_UPS, service.earlierFollowUpsText(customerId(task.getExecution())));
        task.setVariableLocal(COUNTDOWN_TEXT, dates.countdownText((Date) task.getVariable(PROTECTED_UNTIL),
                (Date) task.getVariable(PROTECTION_REMINDER_AT), ClockUtil.getCurrentTime().toInstant()));
    }
}
