package io.baobei.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On every user task's creation: copies the company name onto the task itself, so Tasklist's task
 * cards can show it. Tasklist reads card variables with the user's permissions; a task-local variable
 * is readable with the READ permission the task's assignee or candidate already has, whereas process
 * variables would need read access to the whole process instance.
 * <p>
 * The copy has its own name, {@link #CARD_COMPANY_NAME}: a task-local {@code companyName} would shadow the
 * process variable of that name, and a form with a {@code companyName} field (修改报备) would write the new
 * name into the copy, which ends with the task, instead of into the process.
 */
@Component
public class TaskCardListener implements TaskListener {

    /** the process variable every process keeps the company name in */
    public static final String COMPANY_NAME = "companyName";
    /** the task-local copy Tasklist's cards show (identity.TasklistFilters names it as the filters' card variable) */
    public static final String CARD_COMPANY_NAME = "cardCompanyName";

    @Override
    public void notify(DelegateTask task) {
        Object companyName = task.getVariable(COMPANY_NAME);
        if (companyName != null) {
            task.setVariableLocal(CARD_COMPANY_NAME, companyName);
        }
    }
}
