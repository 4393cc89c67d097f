package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import io.baobei.common.BusinessRuleException;

import static io.baobei.handover.HandoverVariables.*;

/**
 * Task_PlanHandover (Tasklist start, synchronous): the start form's request checked like the API's, recorded, and
 * previewed for the confirmation task. The requester is the signed-in user who submitted the start form.
 */
@Component
public class PlanHandoverDelegate implements JavaDelegate {

    private final HandoverService service;

    public PlanHandoverDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (signedIn == null || signedIn.getUserId() == null) {
            throw new BusinessRuleException("离职交接只能由主管或管理员在 Tasklist 中发起");
        }
        HandoverRequest request = HandoverRequest.of(execution.getVariable(FROM_USER), execution.getVariable(MODE),
                execution.getVariable(RECEIVERS), execution.getVariable(OVERRIDE_QUOTA),
                execution.getVariable(DISABLE_USER));
        HandoverService.Planned planned = service.plan(signedIn.getUserId(), request, execution.getProcessInstanceId());
        execution.setProcessBusinessKey(planned.handoverId().toString());
        execution.setVariable(REQUESTER, signedIn.getUserId());
        execution.setVariable(PREVIEW_SUMMARY, planned.summary());
    }
}
