package io.baobei.registration;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.BusinessRuleException;
import io.baobei.engine.DecisionTasks;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * What the REST API does with the registration process: start it as Tasklist's start form does and
 * complete the same review task a manager sees in Tasklist. The engine runs these calls as the caller
 * (Camunda authorizations apply); the rules are the process's own.
 */
@Service
public class RegistrationApplication {

    static final String REVIEW_TASK = "Task_ReviewRegistration";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final RegistrationValidator validator;
    private final RegistrationService service;
    private final UserDirectory directory;

    public RegistrationApplication(RuntimeService runtimeService, TaskService taskService,
                                   RegistrationValidator validator, RegistrationService service,
                                   UserDirectory directory) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.validator = validator;
        this.service = service;
        this.directory = directory;
    }

    /** Starts CustomerRegistrationProcess with the form's fields, exactly as Tasklist submits them. */
    @Transactional
    public RegistrationController.Created submit(RegistrationForm form) {
        validator.validateNew(form); // field-by-field 400 before the engine is involved
        ProcessInstanceWithVariables instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .setVariables(form.toVariables())
                .executeWithVariablesInReturn();
        Long id = (Long) instance.getVariables().get(REGISTRATION_ID);
        return new RegistrationController.Created(id, RegistrationStatus.CHECKING, instance.getId());
    }

    /**
     * Completes the pending review task of the registration for the calling manager, with the 驳回类别 (rejected as a
     * duplicate of an existing customer) when {@code duplicate}.
     */
    @Transactional
    public void decide(Long registrationId, String decision, String reason, Boolean duplicate) {
        Actor actor = directory.currentActor();
        Registration registration = service.find(registrationId, actor);
        if (!actor.manages(registration.getTeamId()) && !service.escalatedTo(actor.username(), registration)) {
            throw new AccessDeniedException("not a manager of the submitter's team");
        }
        Task task = taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId())
                .taskDefinitionKey(REVIEW_TASK).singleResult();
        if (task == null) {
            throw new BusinessRuleException("该报备当前没有待审核的任务");
        }
        // refused here, field by field, before the task is claimed; Task_RecordReview checks again for Tasklist
        RegistrationService.checkReview(decision, reason);
        DecisionTasks.claimFor(taskService, task, actor.username(), "审核", directory::nameAndLogin);
        Map<String, Object> variables = new HashMap<>();
        variables.put(REVIEW_DECISION, decision);
        variables.put(REVIEW_REASON, reason);
        if (duplicate != null) {
            variables.put(REJECTED_AS_DUPLICATE, duplicate);
        }
        taskService.complete(task.getId(), variables);
    }
}
