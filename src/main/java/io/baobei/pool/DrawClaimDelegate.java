package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.pool.PoolClaimVariables.CLAIM_OUTCOME;

/** Task_Draw (asynchronous, after TimerEvent_DrawAt): the draw of the customer's claims; this claim's result. */
@Component
public class DrawClaimDelegate implements JavaDelegate {

    private final PoolClaimService service;

    public DrawClaimDelegate(PoolClaimService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ClaimStatus status = service.draw(PoolClaimVariables.claimId(execution), execution.getProcessInstanceId());
        execution.setVariable(CLAIM_OUTCOME, status.name());
    }
}
