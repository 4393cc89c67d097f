package io.baobei.appeal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.dedup.Verdict;
import io.baobei.registration.RegistrationVariables;

import static io.baobei.registration.RegistrationVariables.registrationId;

/**
 * Task_RememberDistinctPair: the two are different companies; the pair is never matched again and the registration
 * goes back to review with the verdict of the matches left.
 */
@Component
public class RememberDistinctPairDelegate implements JavaDelegate {

    private final AppealService service;

    public RememberDistinctPairDelegate(AppealService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Verdict verdict = service.notSame(registrationId(execution), execution.getProcessInstanceId());
        execution.setVariable(RegistrationVariables.VERDICT, verdict.name());
        execution.setVariable(RegistrationVariables.VERDICT_LABEL, verdict.label());
    }
}
