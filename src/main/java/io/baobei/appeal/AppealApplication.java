package io.baobei.appeal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.BusinessRuleException;
import io.baobei.engine.DecisionTasks;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationService;

import static io.baobei.appeal.AppealVariables.*;

/**
 * What the REST API does with an appeal: it completes the very tasks Tasklist shows (撞单处理 / 报备未通过 with 申诉, and
 * 裁决申诉), as the caller, so the process's own steps check and record everything exactly once.
 */
@Service
public class AppealApplication {

    static final String CONFLICT_TASK = "Task_ResolveConflict";
    static final String REJECTION_TASK = "Task_AcknowledgeRejection";

    private final TaskService taskService;
    private final RegistrationService registrations;
    private final AppealService service;
    private final UserDirectory directory;
    private final Clock clock;

    public AppealApplication(TaskService taskService, RegistrationService registrations, AppealService service,
                             UserDirectory directory, Clock clock) {
        this.taskService = taskService;
        this.registrations = registrations;
        this.service = service;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The submitter appeals their registration: 404 when they may not see it, 403 for anyone but the submitter, 409
     * when it is not waiting at 撞单处理 or at an appealable 报备未通过.
     */
    @Transactional
    public Appeal file(Long registrationId, String reason, String evidence, String firstContactDate) {
        Actor actor = directory.currentActor();
        Registration registration = registrations.find(registrationId, actor);
        if (!actor.username().equals(registration.getSubmitter())) {
            throw new AccessDeniedException("only the submitter appeals");
        }
        AppealService.checkInput(reason, evidence, firstContactDate, clock); // 400 field by field before the engine
        Task task = taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId())
                .taskDefinitionKeyIn(CONFLICT_TASK, REJECTION_TASK).singleResult();
        if (task == null) {
            throw new BusinessRuleException("这份报备当前不能申诉（状态：" + registration.getStatus().label()
                    + "）：只有撞单、或以“与已有客户重复”为由被驳回的报备可以申诉");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(APPEAL_ACTION, APPEAL);
        variables.put(APPEAL_REASON, reason);
        variables.put(APPEAL_EVIDENCE, evidence);
        if (firstContactDate != null && !firstContactDate.isBlank()) {
            variables.put(APPEAL_FIRST_CONTACT_DATE, firstContactDate);
        }
        taskService.complete(task.getId(), variables);
        return service.current(registrationId, registration.getProcessInstanceId());
    }

    /**
     * A decider decides: 403 for anyone else (including the customer's owner and the appellant), 409 when it is
     * decided already or its task is claimed by another decider.
     */
    @Transactional
    public Appeal decide(Long appealId, String outcome, String reason) {
        Actor actor = directory.currentActor();
        Appeal appeal = service.find(appealId);
        String refusal = service.decisionRefusal(actor.username(), appeal);
        if (refusal != null) {
            throw new AccessDeniedException(refusal);
        }
        AppealService.checkDecision(outcome, reason); // 400 field by field before anything else
        if (appeal.getStatus() != AppealStatus.OPEN) {
            throw new BusinessRuleException("该申诉已于 " + io.baobei.common.DisplayTimes.minute(appeal.getDecidedAt(), clock)
                    + " 由 " + directory.nameAndLogin(appeal.getDecidedBy()) + " 裁决");
        }
        Task task = taskService.createTaskQuery().processInstanceId(appeal.getProcessInstanceId())
                .taskDefinitionKey(AppealService.DECIDE_TASK).singleResult();
        if (task == null) {
            throw new BusinessRuleException("该申诉当前没有待裁决的任务");
        }
        DecisionTasks.claimFor(taskService, task, actor.username(), "裁决", directory::nameAndLogin);
        Map<String, Object> variables = new HashMap<>();
        variables.put(OUTCOME, outcome);
        variables.put(DECISION_REASON, reason);
        taskService.complete(task.getId(), variables);
        return service.find(appealId);
    }
}
