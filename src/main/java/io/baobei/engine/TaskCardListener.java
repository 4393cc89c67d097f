package io.baobei.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On every user task's creation: copies the company name onto the task itself, so Tasklist's task
 * cards can show it. Tasklist reads card variables with the user's permissions; a task-local variable
 * is readable with the READ permission the task's assignee or candidate already has, whereas process
 * variables would need read access to the whole process instance.
 */
@Component
public class TaskCardListener implements TaskListener {

    public static final String COMPANY_NAME = "companyName";

    @Override
    public void notify(DelegateTask task) {
        Object companyName = task.getVariable(COMPANY_NAME);
        if (companyName != null) {
            task.setVariableLocal(COMPANY_NAME, companyName);
        }
    }
}
