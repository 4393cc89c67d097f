package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.appeal.AppealVariables.*;
import static io.baobei.registration.RegistrationVariables.registrationId;

/**
 * Task_DecideAppeal. On create: both sides of the dispute on the task itself (task-local: only this task's candidates
 * read them), without contact data, and the deciders are told. On complete: notes who decided, for
 * Task_RecordAppealDecision.
 */
@Component
public class AppealTaskListener implements TaskListener {

    private final AppealService service;

    public AppealTaskListener(AppealService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            TaskDecider.remember(task, DECIDED_BY);
            return;
        }
        AppealService.CaseView view = service.openForDecision(registrationId(task.getExecution()),
                task.getProcessInstanceId(), task.getId());
        task.setVariableLocal(APPEAL_CASE, view.appealCase());
        task.setVariableLocal(REGISTRATION_SIDE, view.registrationSide());
        task.setVariableLocal(CUSTOMER_SIDE, view.customerSide());
        task.setVariableLocal(OWNERSHIP_HISTORY, view.ownershipHistory());
    }
}
