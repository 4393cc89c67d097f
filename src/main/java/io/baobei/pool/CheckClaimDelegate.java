package io.baobei.pool;

import java.util.Date;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.pool.PoolClaimVariables.*;

/**
 * Task_CheckClaim (synchronous: the claim is decided in the claimant's own transaction): records the claim and
 * checks the rules. LOST or REFUSED throw the BPMN error ClaimNotGranted (back to the choice in Tasklist, the end
 * for the API); PENDING_DRAW waits for the draw; ACCEPTED goes on to the approval decision.
 */
@Component
public class CheckClaimDelegate implements JavaDelegate {

    private final PoolClaimService service;

    public CheckClaimDelegate(PoolClaimService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PoolClaimService.Submitted claim = service.submit(execution.getVariable(CUSTOMER_ID),
                claimant(execution), execution.getVariable(CLAIM_REASON),
                execution.getProcessInstanceId());
        execution.setVariable(CLAIM_ID, claim.claimId());
        execution.setVariable(CLAIM_OUTCOME, claim.status().name());
        execution.setVariable(CLAIM_MESSAGE, claim.message());
        execution.setVariable(GRADE, claim.grade().name());
        execution.setVariable(COMPANY_NAME, claim.companyName());
        execution.setVariable(APPROVER_GROUP, claim.approverGroup());
        if (claim.drawAt() != null) {
            execution.setVariable(DRAW_AT, Date.from(claim.drawAt()));
        }
        if (claim.status() == ClaimStatus.LOST || claim.status() == ClaimStatus.REFUSED) {
            throw new BpmnError(ERROR_CLAIM_NOT_GRANTED, claim.message());
        }
    }
}
