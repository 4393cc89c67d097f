package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.customer.OwnershipService;
import io.baobei.protection.ProtectionVariables;

/**
 * Task_ReclaimOverdue / Task_ReclaimExpired (asynchronous): returns the customer to the public pool through the
 * ownership core. The reason comes from the task's input parameter {@code reclaimReason}.
 */
@Component
public class ReclaimCustomerDelegate implements JavaDelegate {

    private final OwnershipService ownership;

    public ReclaimCustomerDelegate(OwnershipService ownership) {
        this.ownership = ownership;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReclaimReason reason = ReclaimReason.valueOf(ProtectionVariables.reclaimReason(execution));
        ownership.reclaim(ProtectionVariables.customerId(execution), execution.getProcessInstanceId(), reason.action(),
                reason.description());
    }
}
