package io.baobei.pool;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;

import static io.baobei.pool.PoolClaimVariables.CLAIM_DECIDED_BY;

/**
 * Task_ApproveClaim. On create: the claim waits for approval, the summary goes on the task (task-local). On
 * complete: who decided, as the engine knows it, passed on as a transient variable (never stored, set after any
 * value a form could send) for Task_RecordClaimDecision.
 */
@Component
public class ClaimApprovalTaskListener implements TaskListener {

    static final String CLAIM_SUMMARY = "claimSummary";

    private final PoolClaimService service;

    public ClaimApprovalTaskListener(PoolClaimService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            TaskDecider.remember(task, CLAIM_DECIDED_BY);
            return;
        }
        Long claimId = PoolClaimVariables.claimId(task.getExecution());
        service.awaitApproval(claimId, task.getProcessInstanceId());
        task.setVariableLocal(CLAIM_SUMMARY, service.approvalSummary(claimId));
    }
}
