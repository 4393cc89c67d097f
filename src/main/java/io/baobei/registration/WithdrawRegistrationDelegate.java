package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_WithdrawRegistration: the submitter gave way to the colleague who holds the customer. */
@Component
public class WithdrawRegistrationDelegate implements JavaDelegate {

    private final RegistrationService service;

    public WithdrawRegistrationDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.withdraw(RegistrationVariables.registrationId(execution), execution.getProcessInstanceId());
    }
}
