package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.registrationId;

/** Task_TransferToAppellant: the appeal is upheld, the customer moves to the appellant through the ownership core. */
@Component
public class TransferToAppellantDelegate implements JavaDelegate {

    private final AppealService service;

    public TransferToAppellantDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.transfer(registrationId(execution), execution.getProcessInstanceId());
    }
}
