package io.baobei.registration;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ReviseRegistration, on complete: hands a renamed company on to the process. The task card listener keeps a
 * task-local copy of {@code companyName} for Tasklist's card; a Camunda Form submission writes every field where a
 * variable of that name is found first, so the new name lands in that copy, which ends with the task, while the
 * process variable Task_ValidateRegistration reads keeps the old name (the credit code, with no local copy, got
 * through). A completion with variables ({@code taskService.complete}, the REST API) writes the process variable
 * instead and leaves the copy as it was: the new name is whichever of the two differs from the registration's.
 */
@Component
public class ReviseTaskListener implements TaskListener {

    private final RegistrationService service;

    public ReviseTaskListener(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        Object onTask = task.getVariableLocal(COMPANY_NAME);
        Object inProcess = task.getExecution().getVariable(COMPANY_NAME);
        if (onTask == null || onTask.equals(inProcess)) {
            return;
        }
        Registration registration = service.inProcess(registrationId(task.getExecution()), task.getProcessInstanceId(),
                RegistrationStatus.REVISION);
        if (!Objects.equals(onTask, registration.getCompanyName())) {
            // validated with the other fields by Task_ValidateRegistration, in this same transaction
            task.getExecution().setVariable(COMPANY_NAME, onTask);
        }
    }
}
