package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.pool.PoolClaimVariables.*;

/**
 * Task_RecordClaimDecision (synchronous: an incomplete decision is refused while the manager is on the form). The
 * decider is the transient variable of the approval task's complete listener, never a stored one.
 */
@Component
public class RecordClaimDecisionDelegate implements JavaDelegate {

    private final PoolClaimService service;

    public RecordClaimDecisionDelegate(PoolClaimService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String decider = TaskDecider.of(execution, CLAIM_DECIDED_BY, "审批结果只能通过审批任务提交");
        boolean approved = service.decide(claimId(execution), execution.getProcessInstanceId(),
                execution.getVariable(CLAIM_DECISION), execution.getVariable(CLAIM_DECISION_REASON),
                decider);
        execution.setVariable(CLAIM_DECISION, approved ? "APPROVE" : "REJECT");
    }
}
