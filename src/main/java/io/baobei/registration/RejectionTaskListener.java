package io.baobei.registration;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.baobei.common.DisplayTimes;
import io.baobei.identity.UserDirectory;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_AcknowledgeRejection and Task_AcknowledgeRefusal (报备未通过), on create: tells the submitter who decided, when,
 * and why, on the task itself (task-local: only the submitter, its assignee, reads it). Without this task a rejected
 * rep was never told and had nowhere to see the reason.
 */
@Component
public class RejectionTaskListener implements TaskListener {

    private final RegistrationService service;
    private final UserDirectory directory;
    private final Clock clock;
    private final RegistrationNotices notices;
    private final RegistrationAppeals appeals;

    public RejectionTaskListener(RegistrationService service, UserDirectory directory, Clock clock,
                                 RegistrationNotices notices, RegistrationAppeals appeals) {
        this.appeals = appeals;
        this.service = service;
        this.directory = directory;
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public void notify(DelegateTask task) {
        Registration registration = service.inProcess(registrationId(task.getExecution()), task.getProcessInstanceId(),
                RegistrationStatus.REJECTED, RegistrationStatus.REFUSED);
        RegistrationService.Rejection rejection = RegistrationService.rejection(registration);
        String manager = rejection.decidedBy() == null ? "" : directory.name(rejection.decidedBy());
        String when = rejection.decidedAt() == null ? "" : DisplayTimes.minute(rejection.decidedAt(), clock) + " ";
        String notice = rejection.refusedByRules()
                ? "主管 " + manager + " 已批准，但 " + when + "授予保护期时归属规则不允许，报备未通过。"
                : "主管 " + manager + " 于 " + when + "驳回了这份报备。";
        task.setVariableLocal(DECISION_NOTICE, notice);
        task.setVariableLocal(REJECTION_REASON, rejection.reason() == null ? "（未填写原因）" : rejection.reason());
        // the form offers 申诉 only for a rejection as a duplicate of a SUSPECT match; the appeal's first step checks again
        task.setVariableLocal(APPEALABLE, appeals.isAppealableRejection(registration));
        notices.rejected(registration, task.getId());
    }
}
