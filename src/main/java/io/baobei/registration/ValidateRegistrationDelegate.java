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

    public ValidateRegistrationDelegate(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long existingId = (Long) execution.getVariable(REGISTRATION_ID);
        RegistrationService.Submission submission = service.recordSubmission(existingId,
                (String) execution.getVariable(SUBMITTER), execution.getProcessInstanceId(),
                RegistrationForm.fromVariables(execution.getVariables()));
        execution.setVariable(REGISTRATION_ID, submission.registrationId());
        execution.setVariable(COMPANY_NAME, submission.companyName());
        execution.setVariable(REVIEWER_GROUP, submission.reviewerGroup());
        execution.removeVariables(CONTACT_FIELDS);
    }
}
