package io.baobei.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

import io.baobei.common.BusinessRuleException;

/**
 * Who decided a decision task (review, claim approval), as the engine knows it: the complete listener passes the
 * user who completed the task on as a transient variable, which is never stored and is set after any value a form
 * or request could send; the service task after it accepts only that transient value.
 */
public final class TaskDecider {

    private TaskDecider() {
    }

    /** In the task's complete listener: the signed-in user completing it, or without one (the application) its assignee. */
    public static void remember(DelegateTask task, String variable) {
        Authentication signedIn = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String decider = signedIn != null && signedIn.getUserId() != null ? signedIn.getUserId() : task.getAssignee();
        task.getExecution().setVariable(variable, Variables.stringValue(decider, true));
    }

    /**
     * In the service task after it: the decider, refused with {@code refusal} unless it is the transient value set in
     * this very transaction and whoever is signed in is that user.
     */
    public static String of(DelegateExecution execution, String variable, String refusal) {
        TypedValue decider = execution.getVariableTyped(variable);
        if (decider == null || !decider.isTransient() || !(decider.getValue() instanceof String name)) {
            throw new BusinessRuleException(refusal);
        }
        Authentication signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (signedIn != null && signedIn.getUserId() != null && !signedIn.getUserId().equals(name)) {
            throw new BusinessRuleException(refusal);
        }
        return name;
    }
}
