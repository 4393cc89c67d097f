package io.baobei.protection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import static io.baobei.protection.ProtectionVariables.FORM_FIELDS;

/**
 * End listener of Task_RequestExtension: the follow-up form's fields are removed, so the follow-up task the loop
 * creates next starts empty, as after a recorded follow-up (RecordFollowUpDelegate).
 */
@Component
public class FollowUpFormReset implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.removeVariables(FORM_FIELDS);
    }
}
