package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ResolveConflict, on create: tells the submitter that a colleague holds the customer, without details. */
@Component
public class ConflictTaskListener implements TaskListener {

    private final RegistrationService service;
    private final RegistrationNotices notices;

    public ConflictTaskListener(RegistrationService service, RegistrationNotices notices) {
        this.service = service;
        this.notices = notices;
    }

    @Override
    public void notify(DelegateTask task) {
        Long registrationId = RegistrationVariables.registrationId(task.getExecution());
        task.setVariableLocal(RegistrationVariables.CONFLICT_NOTICE, service.conflictNotice(registrationId, task.getProcessInstanceId()));
        notices.conflictFound(service.inProcess(registrationId, task.getProcessInstanceId(), RegistrationStatus.CONFLICT),
                task.getId());
    }
}
