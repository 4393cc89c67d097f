package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.protection.ProtectionVariables;

/**
 * Task_ReclaimOverdue / Task_ReclaimExpired (asynchronous): returns the customer to the public pool through the
 * ownership core, telling the owner (Reclaims). The reason comes from the task's input parameter {@code reclaimReason}.
 */
@Component
public class ReclaimCustomerDelegate implements JavaDelegate {

    private final Reclaims reclaims;

    public ReclaimCustomerDelegate(Reclaims reclaims) {
        this.reclaims = reclaims;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReclaimReason reason = ReclaimReason.valueOf(ProtectionVariables.reclaimReason(execution));
        reclaims.reclaim(ProtectionVariables.customerId(execution), execution.getProcessInstanceId(), reason);
    }
}
