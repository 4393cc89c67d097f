package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckQuota: refuses the submission when the rep already holds the maximum of protected customers. */
@Component
public class CheckQuotaDelegate implements JavaDelegate {

    private final RegistrationService service;

    public CheckQuotaDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.checkQuota(RegistrationVariables.registrationId(execution), execution.getProcessInstanceId());
    }
}
