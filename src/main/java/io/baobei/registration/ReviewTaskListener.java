package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ReviewRegistration. On create: puts the duplicate-check evidence and the contact summary on the
 * task itself (task-local, so only the reviewers of this task can read them). On complete: notes who
 * decided, for Task_RecordReview, which validates and records the decision.
 */
@Component
public class ReviewTaskListener implements TaskListener {

    private final RegistrationService service;

    public ReviewTaskListener(RegistrationService service) {
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            // who decided: the assignee (Tasklist makes managers claim first), else the caller
            String reviewer = task.getAssignee();
            if (reviewer == null && task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() != null) {
                reviewer = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
            }
            task.getExecution().setVariable(REVIEWED_BY, reviewer);
            return;
        }
        Long registrationId = registrationId(task.getExecution());
        task.setVariableLocal(DUPLICATE_SUMMARY, service.reviewSummary(registrationId));
        task.setVariableLocal(CONTACT_SUMMARY, service.contactSummary(registrationId));
    }
}
