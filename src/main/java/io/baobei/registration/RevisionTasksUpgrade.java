package io.baobei.registration;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * At start-up: 修改报备 tasks opened by an earlier version carry no contact data (their form said "留空则保持原值"); they
 * get it as new ones do ({@link ReviseTaskListener}), so the rep sees what they entered instead of empty required fields.
 * Costs one task query when every open revision already has it.
 */
@Component
public class RevisionTasksUpgrade implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionTasksUpgrade.class);
    static final String REVISE_TASK = "Task_ReviseRegistration";

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RegistrationService service;

    public RevisionTasksUpgrade(TaskService taskService, RuntimeService runtimeService, RegistrationService service) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        int filled = 0;
        for (Task task : taskService.createTaskQuery().processDefinitionKey(PROCESS_KEY).taskDefinitionKey(REVISE_TASK)
                .list()) {
            if (taskService.getVariableLocal(task.getId(), PHONE) != null) {
                continue;
            }
            ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).singleResult();
            if (instance == null || instance.getBusinessKey() == null) {
                continue;
            }
            try {
                Registration registration = service.inProcess(Long.valueOf(instance.getBusinessKey()), instance.getId(),
                        RegistrationStatus.REVISION);
                var contact = ReviseTaskListener.contactData(registration, task.getAssignee());
                if (!contact.isEmpty()) {
                    taskService.setVariablesLocal(task.getId(), contact);
                    filled++;
                }
            } catch (RuntimeException e) {
                // a task whose registration is not in revision (repaired by hand?) keeps its empty fields; start anyway
                LOG.warn("Revision task {} left without contact data: {}", task.getId(), e.getMessage());
            }
        }
        if (filled > 0) {
            LOG.info("Put the contact data entered on {} open revision tasks", filled);
        }
    }
}
