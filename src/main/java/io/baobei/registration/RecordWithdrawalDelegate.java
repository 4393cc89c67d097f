package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordWithdrawal: the registration was withdrawn from outside (SubProcess_RegistrationWithdrawn). */
@Component
public class RecordWithdrawalDelegate implements JavaDelegate {

    private final RegistrationService service;

    public RecordWithdrawalDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reason = execution.getVariable(RegistrationVariables.WITHDRAWAL_REASON);
        service.recordWithdrawal(RegistrationVariables.registrationId(execution), execution.getProcessInstanceId(),
                reason == null ? null : reason.toString());
    }
}
