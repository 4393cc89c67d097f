package io.baobei.extension;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.BusinessRuleException;
import io.baobei.engine.DecisionTasks;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

import static io.baobei.extension.ExtensionVariables.EXTENSION_DECISION;
import static io.baobei.extension.ExtensionVariables.EXTENSION_DECISION_REASON;

/**
 * {@code POST /api/extensions/{id}/decision}: completes the same 审批延期 task a manager sees in Tasklist, as the
 * caller (Camunda's authorizations apply, the decider is who completed it), so the process's own step checks and
 * records the decision.
 */
@Service
class ExtensionDecisions {

    static final String DECIDE_TASK = "Task_DecideExtension";

    private final ExtensionService service;
    private final TaskService taskService;
    private final UserDirectory directory;

    ExtensionDecisions(ExtensionService service, TaskService taskService, UserDirectory directory) {
        this.service = service;
        this.taskService = taskService;
        this.directory = directory;
    }

    @Transactional
    public ExtensionService.ExtensionView decide(Actor actor, Long extensionId, String decision, String reason) {
        service.forDecision(extensionId, actor); // 404, 403, 409 (decided)
        // field by field (the API's names), before the task is claimed; Task_RecordExtensionDecision checks again
        String checked = ExtensionService.checkDecision(decision, reason, "decision", "reason");
        Task task = taskService.createTaskQuery().processInstanceId(service.processInstanceOf(extensionId))
                .taskDefinitionKey(DECIDE_TASK).singleResult();
        if (task == null) {
            throw new BusinessRuleException("该延期申请当前没有待审批的任务");
        }
        DecisionTasks.claimFor(taskService, task, actor.username(), "审批", directory::nameAndLogin);
        Map<String, Object> variables = new HashMap<>();
        variables.put(EXTENSION_DECISION, checked);
        variables.put(EXTENSION_DECISION_REASON, reason == null || reason.isBlank() ? null : reason.strip());
        taskService.complete(task.getId(), variables);
        return service.view(extensionId);
    }
}
