package io.baobei.extension;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.extension.ExtensionVariables.*;

/**
 * Task_DecideExtension. On create: the summary the form shows (task-local, read-only) and the notice to the team's
 * managers. On assignment: the requester may not take it, even as a manager of the team (the claim is refused, so
 * the task is never blocked by someone who may not decide it). On complete: who decided, as the engine knows it, passed on as a transient variable (never stored, set
 * after any value a form could send) for Task_RecordExtensionDecision.
 */
@Component
public class ExtensionDecisionTaskListener implements TaskListener {

    private final ExtensionService service;

    public ExtensionDecisionTaskListener(ExtensionService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            TaskDecider.remember(task, EXTENSION_DECIDED_BY);
            return;
        }
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            service.checkAssignee(extensionId(task.getExecution()), task.getAssignee());
            return;
        }
        ExtensionService.DecisionCard card = service.awaitDecision(extensionId(task.getExecution()),
                task.getProcessInstanceId(), task.getId());
        task.setVariableLocal(TASK_OWNER, card.owner());
        task.setVariableLocal(TASK_CURRENT_END, card.currentEnd());
        task.setVariableLocal(TASK_REQUESTED, card.requested());
        task.setVariableLocal(TASK_REASON, card.reason());
    }
}
