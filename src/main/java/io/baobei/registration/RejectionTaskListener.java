package io.baobei.registration;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import io.baobei.common.DisplayTimes;

import static io.baobei.registration.RegistrationVariables.*;

/**
 * Task_AcknowledgeRejection and Task_AcknowledgeRefusal (报备未通过), on create: tells the submitter who decided, when,
 * and why, on the task itself (task-local: only the submitter, its assignee, reads it). Without this task a rejected
 * rep was never told and had nowhere to see the reason.
 */
@Component
public class RejectionTaskListener implements TaskListener {


    private final RegistrationService service;
    private final Clock clock;

    public RejectionTaskListener(RegistrationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        RegistrationService.Rejection rejection = service.rejection(registrationId(task.getExecution()),
                task.getProcessInstanceId());
        String manager = nameOf(task, rejection.decidedBy());
        String when = rejection.decidedAt() == null ? "" : DisplayTimes.minute(rejection.decidedAt(), clock) + " ";
        String notice = rejection.refusedByRules()
                ? "主管 " + manager + " 已批准，但 " + when + "授予保护期时归属规则不允许，报备未通过。"
                : "主管 " + manager + " 于 " + when + "驳回了这份报备。";
        task.setVariableLocal(DECISION_NOTICE, notice);
        task.setVariableLocal(REJECTION_REASON, rejection.reason() == null ? "（未填写原因）" : rejection.reason());
    }

    /** The manager's name as the directory has it ("王建国"), else their login. */
    private static String nameOf(DelegateTask task, String userId) {
        if (userId == null) {
            return "";
        }
        // the submitter may not read the directory; naming the decider is the system's business
        User user = Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices()
                .getIdentityService().createUserQuery().userId(userId).singleResult());
        String name = user == null ? null
                : ((user.getFirstName() == null ? "" : user.getFirstName())
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name == null || name.isEmpty() ? userId : name;
    }
}
