package io.baobei.pool;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.customer.OwnershipRefusal;

import static io.baobei.pool.PoolClaimVariables.*;

/**
 * Task_GrantClaim: the claimant becomes the owner (the protection process and its follow-up task start). A rule
 * that no longer allows it (quota filled meanwhile) throws the BPMN error ClaimNotGranted.
 */
@Component
public class GrantClaimDelegate implements JavaDelegate {

    private final PoolClaimService service;

    public GrantClaimDelegate(PoolClaimService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<OwnershipRefusal> refusal = service.grant(claimId(execution),
                execution.getProcessInstanceId());
        if (refusal.isPresent()) {
            execution.setVariable(CLAIM_OUTCOME, ClaimStatus.REFUSED.name());
            execution.setVariable(CLAIM_MESSAGE, refusal.get().message());
            throw new BpmnError(ERROR_CLAIM_NOT_GRANTED, refusal.get().message());
        }
        execution.setVariable(CLAIM_OUTCOME, ClaimStatus.GRANTED.name());
    }
}
