package io.baobei.protection;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipSource;
import io.baobei.customer.ProtectionPort;

import static io.baobei.protection.ProtectionVariables.*;

/**
 * The ownership core's port to CustomerProtectionProcess: starts it, hands it to a new owner (owner variable and
 * the open follow-up task's assignee, timers untouched) and ends it from outside through its event subprocess
 * (Message_ProtectionEnded), so the model shows every way a protection ends. An extension re-dates every timer of
 * the open follow-up task that depends on the protection's end (DeadlineDates).
 */
@Component
class ProtectionProcessAdapter implements ProtectionPort {


    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final AuthorizationService authorizationService;
    private final ProtectionPolicy policy;
    private final DeadlineDates dates;

    ProtectionProcessAdapter(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
                             AuthorizationService authorizationService, ProtectionPolicy policy, DeadlineDates dates) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.authorizationService = authorizationService;
        this.policy = policy;
        this.dates = dates;
    }

    @Override
    public Terms terms(Grade grade, OwnershipSource source) {
        return policy.terms(grade, source);
    }

    @Override
    public String start(Customer customer) {
        Map<String, Object> variables = new HashMap<>(dates.variables(customer));
        variables.put(CUSTOMER_ID, customer.getId());
        variables.put(COMPANY_NAME, customer.getCompanyName());
        variables.put(OWNER, customer.getOwner());
        return runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(customer.getId().toString())
                .setVariables(variables)
                .execute()
                .getId();
    }

    @Override
    public void retarget(Customer customer) {
        String processInstanceId = customer.getProtectionProcessInstanceId();
        runtimeService.setVariable(processInstanceId, OWNER, customer.getOwner());
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(FOLLOW_UP_TASK).list()) {
            String previous = task.getAssignee();
            taskService.setAssignee(task.getId(), customer.getOwner());
            if (previous != null && !previous.equals(customer.getOwner())) {
                // the engine grants the new assignee but keeps the previous one's grant on the task: without this,
                // the previous owner could still complete it (record or release in the receiver's name)
                authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
                        .userIdIn(previous).list()
                        .forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
            }
        }
    }

    @Override
    public void deadlinesMoved(Customer customer) {
        String processInstanceId = customer.getProtectionProcessInstanceId();
        Map<String, Object> variables = dates.variables(customer);
        runtimeService.setVariables(processInstanceId, variables);
        // a timer's date is evaluated when its activity is entered: re-date every waiting timer to its variable
        // (those that depend on the protection end move, the others get the date they have)
        TIMER_DATES.forEach((activityId, variable) -> {
            for (Job timer : managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId(activityId).list()) {
                managementService.setJobDuedate(timer.getId(), (Date) variables.get(variable));
            }
        });
        // the countdown of the open follow-up task, if it shows one, counts to the new end
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(FOLLOW_UP_TASK).list()) {
            if (taskService.getVariableLocal(task.getId(), COUNTDOWN_TEXT) != null) {
                taskService.setVariableLocal(task.getId(), COUNTDOWN_TEXT, dates.countdownText(
                        (Date) variables.get(PROTECTED_UNTIL), (Date) variables.get(PROTECTION_REMINDER_AT),
                        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()));
            }
        }
    }

    @Override
    public void end(String processInstanceId, OwnershipAction reason) {
        // correlateAll: an instance that has ended meanwhile (a timer fired first) is simply not there
        runtimeService.createMessageCorrelation(MESSAGE_PROTECTION_ENDED)
                .processInstanceId(processInstanceId)
                .setVariable(END_REASON, reason.name())
                .correlateAll();
    }

    @Override
    public Map<String, String> openFollowUpTasks(Collection<String> processInstanceIds) {
        String[] ids = processInstanceIds.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        Map<String, String> tasks = new HashMap<>();
        if (ids.length > 0) {
            for (Task task : taskService.createTaskQuery().processInstanceIdIn(ids).taskDefinitionKey(FOLLOW_UP_TASK)
                    .list()) {
                tasks.put(task.getProcessInstanceId(), task.getId());
            }
        }
        return tasks;
    }
}
