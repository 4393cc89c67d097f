package io.baobei.protection;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.*;

/**
 * The four reminder tasks of CustomerProtectionProcess (Task_RemindFollowUp, Task_RemindProtectionEnding,
 * Task_EscalateToManager, Task_WarnUnconverted): which one is the input parameter {@code reminder}. The protection
 * reminder also writes the countdown on the open follow-up task, which the form shows.
 */
@Component
public class DeadlineReminderDelegate implements JavaDelegate {

    private final ProtectionReminders reminders;
    private final DeadlineDates dates;

    public DeadlineReminderDelegate(ProtectionReminders reminders, DeadlineDates dates) {
        this.reminders = reminders;
        this.dates = dates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DeadlineReminder reminder = DeadlineReminder.valueOf((String) execution.getVariableLocal(REMINDER));
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        Task followUp = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(FOLLOW_UP_TASK).singleResult();
        // the engine's time: the one its timers fire by
        Instant now = ClockUtil.getCurrentTime().toInstant();
        reminders.remind(reminder, customerId(execution), execution.getProcessInstanceId(),
                followUp == null ? null : followUp.getId(), now);
        if (reminder == DeadlineReminder.PROTECTION_ENDING && followUp != null) {
            tasks.setVariableLocal(followUp.getId(), COUNTDOWN_TEXT, dates.countdownText(
                    (Date) execution.getVariable(PROTECTED_UNTIL), (Date) execution.getVariable(PROTECTION_REMINDER_AT),
                    now));
        }
    }
}
