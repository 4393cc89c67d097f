package io.baobei.registration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.engine.TaskDecider;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_ReviewRegistration. On create: puts the duplicate-check evidence and the contact summary on the
 * task itself (task-local, so only the reviewers of this task can read them; the contact summary masked), and the
 * submitter by name, and 报备时效; a late registration also goes to the directors when the policy says so. On
 * complete: notes who decided, for Task_RecordReview, which validates and records the decision.
 */
@Component
public class ReviewTaskListener implements TaskListener {

    private final RegistrationService service;
    private final RegistrationDeadlines deadlines;
    private final UserDirectory directory;
    private final RegistrationNotices notices;

    public ReviewTaskListener(RegistrationService service, RegistrationDeadlines deadlines, UserDirectory directory,
                              RegistrationNotices notices) {
        this.service = service;
        this.deadlines = deadlines;
        this.directory = directory;
        this.notices = notices;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            // who decided is who completed the task, as the engine knows it; passed on as a transient variable,
            // which is never stored and which this listener sets after any value a form or request could send
            TaskDecider.remember(task, REVIEWED_BY);
            return;
        }
        // a new review round decides afresh: the previous round's decision and reason (退回修改) must not be taken
        // for this one's when the form leaves the reason out (it hides it for 批准)
        task.getExecution().removeVariable(REVIEW_DECISION);
        task.getExecution().removeVariable(REVIEW_REASON);
        task.getExecution().removeVariable(REJECTED_AS_DUPLICATE);
        Long registrationId = registrationId(task.getExecution());
        task.setVariableLocal(DUPLICATE_SUMMARY, service.reviewSummary(registrationId, task.getProcessInstanceId()));
        task.setVariableLocal(CONTACT_SUMMARY, service.contactSummary(registrationId, task.getProcessInstanceId()));
        task.setVariableLocal(TIMELINESS_NOTICE, deadlines.timelinessNotice(registrationId));
        if (deadlines.routeLateToDirectors(registrationId, task.getProcessInstanceId(), task.getId())) {
            task.addCandidateGroup(Groups.SALES_DIRECTORS);
        }
        task.setVariableLocal(SUBMITTER_NAME, directory.nameAndLogin((String) task.getVariable(SUBMITTER)));
        notices.reviewWaiting(service.inProcess(registrationId, task.getProcessInstanceId(),
                RegistrationStatus.IN_REVIEW), task.getId());
    }
}
