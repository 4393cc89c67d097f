package io.baobei.handover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_FinishHandover: DONE or PARTIAL, with the not-moved customers and their reasons for the result task. */
@Component
public class FinishHandoverDelegate implements JavaDelegate {

    private final HandoverService service;

    public FinishHandoverDelegate(HandoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandoverService.Finished finished = service.finish(HandoverVariables.handoverId(execution),
                execution.getProcessInstanceId());
        execution.setVariable(HandoverVariables.RESULT, finished.state().name());
        execution.setVariable(HandoverVariables.RESULT_SUMMARY, finished.summary());
    }
}
