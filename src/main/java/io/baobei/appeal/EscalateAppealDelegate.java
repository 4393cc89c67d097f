package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.registrationId;

/** Task_EscalateAppeal: the appeal waited longer than the policy allows; the directors join in. */
@Component
public class EscalateAppealDelegate implements JavaDelegate {

    private final AppealService service;

    public EscalateAppealDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.escalate(registrationId(execution), execution.getProcessInstanceId());
    }
}
