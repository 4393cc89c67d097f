package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.customer.OwnershipService;

/** Task_GrantProtection (asynchronous, retried): the approved registration's customer becomes the rep's. */
@Component
public class GrantProtectionDelegate implements JavaDelegate {

    private final RegistrationService service;

    public GrantProtectionDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OwnershipService.Grant grant = service.grant(RegistrationVariables.registrationId(execution),
                execution.getProcessInstanceId());
        execution.setVariable(RegistrationVariables.GRANT_OUTCOME, grant.outcome().name());
        if (grant.customerId() != null) {
            execution.setVariable(RegistrationVariables.CUSTOMER_ID, grant.customerId());
        }
    }
}
