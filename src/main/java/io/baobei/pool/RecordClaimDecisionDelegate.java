package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import io.baobei.common.BusinessRuleException;

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
        TypedValue decider = execution.getVariableTyped(CLAIM_DECIDED_BY);
        if (decider == null || !decider.isTransient()) {
            throw new BusinessRuleException("审批人只能由系统根据完成审批任务的用户确定");
        }
        boolean approved = service.decide((Long) execution.getVariable(CLAIM_ID), execution.getProcessInstanceId(),
                execution.getVariable(CLAIM_DECISION), execution.getVariable(CLAIM_DECISION_REASON),
                (String) decider.getValue());
        execution.setVariable(CLAIM_DECISION, approved ? "APPROVE" : "REJECT");
    }
}
