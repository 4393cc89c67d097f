package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.protection.ProtectionVariables;

/**
 * Task_ReclaimOverdue / Task_ReclaimExpired (asynchronous): returns the customer to the public pool.
 * The reason comes from the task's input parameter {@code reclaimReason}.
 */
@Component
public class ReclaimCustomerDelegate implements JavaDelegate {

    private final PoolService poolService;

    public ReclaimCustomerDelegate(PoolService poolService) {
        this.poolService = poolService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        poolService.reclaim(ProtectionVariables.customerId(execution), execution.getProcessInstanceId(),
                ReclaimReason.valueOf((String) execution.getVariable(ProtectionVariables.RECLAIM_REASON)));
    }
}
