package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.*;

/** Task_RecordFollowUp (asynchronous): stores the follow-up and moves the deadline of the next one. */
@Component
public class RecordFollowUpDelegate implements JavaDelegate {

    private final ProtectionService service;

    public RecordFollowUpDelegate(ProtectionService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(service.recordFollowUp(customerId(execution), execution.getProcessInstanceId(),
                execution.getVariables()));
        // the form starts empty next time; the record is in the follow_up table
        execution.removeVariables(FORM_FIELDS);
    }
}
