package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.customerId;

/** Task_ReleaseCustomer (asynchronous): the owner chose 释放到公海 in the follow-up task. */
@Component
public class ReleaseCustomerDelegate implements JavaDelegate {

    private final ProtectionService service;

    public ReleaseCustomerDelegate(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.release(customerId(execution), execution.getProcessInstanceId(),
                execution.getVariables());
    }
}
