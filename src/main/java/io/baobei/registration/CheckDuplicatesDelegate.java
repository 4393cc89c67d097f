package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.baobei.dedup.Verdict;

import static io.baobei.registration.RegistrationVariables.*;

/** Task_CheckDuplicates (asynchronous): runs 查重 and hands the verdict to Gateway_DuplicateVerdict. */
@Component
public class CheckDuplicatesDelegate implements JavaDelegate {

    private final RegistrationService service;

    public CheckDuplicatesDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Verdict verdict = service.checkDuplicates(registrationId(execution), execution.getProcessInstanceId());
        execution.setVariable(VERDICT, verdict.name());
        execution.setVariable(VERDICT_LABEL, verdict.label());
    }
}
