package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ValidateRegistration: saves the submitted form as a registration and strips the contact data
 * from the process. Runs in the transaction of the form submission, so a refusal rolls the whole
 * submission back and Tasklist shows the message with the form still filled in.
 */
@Component
public class ValidateRegistrationDelegate implements JavaDelegate {

    private final RegistrationService service;
    private final RegistrationDeadlines deadlines;

    public ValidateRegistrationDelegate(RegistrationService service, RegistrationDeadlines deadlines) {
        this.service = service;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        Long existingId = businessKey == null ? null : Long.valueOf(businessKey);
        RegistrationService.Submission submission = service.recordSubmission(existingId, submitter(execution),
                execution.getProcessInstanceId(), RegistrationForm.fromVariables(execution.getVariables()));
        if (existingId == null) {
            execution.setProcessBusinessKey(submission.registrationId().toString());
        }
        // reset from the registration: a submitted form cannot re-assign the registration or its tasks
        execution.setVariable(SUBMITTER, submission.submitter());
        execution.setVariable(REGISTRATION_ID, submission.registrationId());
        execution.setVariable(COMPANY_NAME, submission.companyName());
        execution.setVariable(REVIEWER_GROUP, submission.reviewerGroup());
        execution.setVariable(REVIEW_ESCALATION,
                deadlines.recordTimeliness(submission.registrationId(), execution.getProcessInstanceId()));
        execution.removeVariables(CONTACT_FIELDS);
    }

    /** The authenticated user who submits (a form could send any "submitter"); the initiator without one. */
    private static String submitter(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : (String) execution.getVariable(SUBMITTER);
    }
}
