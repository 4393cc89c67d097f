package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.registrationId;

/** Task_EscalateReview: the review waited longer than the policy allows; the directors join in. */
@Component
public class EscalateReviewDelegate implements JavaDelegate {

    private final RegistrationDeadlines deadlines;

    public EscalateReviewDelegate(RegistrationDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deadlines.escalateReview(registrationId(execution), execution.getProcessInstanceId());
    }
}
