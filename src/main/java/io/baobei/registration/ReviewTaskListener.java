package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ReviewRegistration. On create: puts the duplicate-check evidence and the contact summary on the
 * task itself (task-local, so only the reviewers can read them). On complete: validates and records
 * the decision; a refusal keeps the task open with the form as filled in.
 */
@Component
public class ReviewTaskListener implements TaskListener {

    private final RegistrationService service;

    public ReviewTaskListener(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        Long registrationId = (Long) task.getVariable(REGISTRATION_ID);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal(DUPLICATE_SUMMARY, service.reviewSummary(registrationId));
            task.setVariableLocal(CONTACT_SUMMARY, service.contactSummary(registrationId));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            String reviewer = task.getAssignee() != null ? task.getAssignee()
                    : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
            ReviewDecision decision = service.recordReview(registrationId, task.getVariable(REVIEW_DECISION),
                    task.getVariable(REVIEW_REASON), reviewer);
            task.getExecution().setVariable(REVIEW_DECISION, decision.name());
        }
    }
}
