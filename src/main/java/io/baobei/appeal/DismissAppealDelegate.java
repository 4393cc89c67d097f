package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.registrationId;

/** Task_DismissAppeal: the appeal is dismissed, the registration closed, the appellant told why. */
@Component
public class DismissAppealDelegate implements JavaDelegate {

    private final AppealService service;

    public DismissAppealDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.dismiss(registrationId(execution), execution.getProcessInstanceId());
    }
}
