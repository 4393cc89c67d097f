package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.appeal.AppealVariables.*;
import static io.baobei.registration.RegistrationVariables.registrationId;

/**
 * Task_FileAppeal: records the appeal the submitter wrote on 撞单处理 or 报备未通过, synchronously with that form, so a
 * missing reason or a registration that cannot be appealed is refused on the form. The appellant's texts move into the
 * appeal and leave the process variables (the next round of the same tasks starts without them).
 */
@Component
public class FileAppealDelegate implements JavaDelegate {

    private final AppealService service;

    public FileAppealDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AppealService.Filed filed = service.file(registrationId(execution), execution.getProcessInstanceId(),
                execution.getVariable(APPEAL_REASON), execution.getVariable(APPEAL_EVIDENCE),
                execution.getVariable(APPEAL_FIRST_CONTACT_DATE));
        execution.removeVariable(APPEAL_ACTION);
        execution.removeVariable(APPEAL_REASON);
        execution.removeVariable(APPEAL_EVIDENCE);
        execution.removeVariable(APPEAL_FIRST_CONTACT_DATE);
        execution.removeVariable(OUTCOME);
        execution.removeVariable(DECISION_REASON);
        execution.setVariable(DECIDER_GROUP, filed.deciderGroup());
        execution.setVariable(APPEAL_ESCALATION, filed.escalation());
    }
}
