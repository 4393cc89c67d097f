package io.baobei.registration;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * What a registration's people hear of it (docs/notifications.md), published where it happens: by RegistrationService
 * and by the listeners of the tasks the event opens, in that step's transaction, so the link can open that very task.
 * Each key names the occurrence: a registration reviewed, sent back and reviewed again is announced per task, while a
 * retried job or a second publication of the same occurrence adds nothing. The parameters are the company name and
 * people's names, never contact data.
 */
@Component
class RegistrationNotices {

    static final String OBJECT_TYPE = "REGISTRATION";

    private final Notifications notifications;
    private final UserDirectory directory;

    RegistrationNotices(Notifications notifications, UserDirectory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    /** Task_ReviewRegistration created: every reviewer of the submitter's team, except the submitter. */
    void reviewWaiting(Registration registration, String taskId) {
        List<String> reviewers = directory.managersOf(registration.getTeamId(), registration.getSubmitter());
        notifications.notify(NotificationEvent.of(NotificationKind.REVIEW_WAITING,
                key(registration, "review:" + taskId), reviewers, OBJECT_TYPE, registration.getId(), taskId,
                Map.of("customer", registration.getCompanyName(),
                        "by", directory.nameAndLogin(registration.getSubmitter()))));
    }

    /** The grant succeeded: the customer is the submitter's (the follow-up task is theirs in Tasklist). */
    void approved(Registration registration) {
        toSubmitter(NotificationKind.REGISTRATION_APPROVED, registration, key(registration, "approved"), null,
                Map.of("by", name(registration.getDecidedBy())));
    }

    /** Task_ReviseRegistration created: the manager sent it back; the link opens the revision task. */
    void sentBack(Registration registration, String taskId) {
        toSubmitter(NotificationKind.REGISTRATION_SENT_BACK, registration, key(registration, "sent-back:" + taskId),
                taskId, Map.of("by", name(registration.getDecidedBy()), "reason", text(registration.getDecisionReason())));
    }

    /**
     * Task_AcknowledgeRejection / Task_AcknowledgeRefusal created: the manager rejected it, or approved it and the
     * ownership rules refused the grant. A registration does not pass only once.
     */
    void rejected(Registration registration, String taskId) {
        boolean byRules = registration.getStatus() == RegistrationStatus.REFUSED;
        String reason = byRules ? "主管已批准，但授予保护期时归属规则不允许：" + text(registration.getRefusalReason())
                : text(registration.getDecisionReason());
        // per task: after an appeal found the companies different, the registration is reviewed (and may be rejected) anew
        toSubmitter(NotificationKind.REGISTRATION_REJECTED, registration, key(registration, "rejected:" + taskId), taskId,
                Map.of("by", name(registration.getDecidedBy()), "reason", reason));
    }

    /**
     * Task_ResolveConflict created (a colleague holds the customer, found by the duplicate check or at the grant):
     * only the submitter, and nothing of the colleague's customer; the task says whom to talk to.
     */
    void conflictFound(Registration registration, String taskId) {
        toSubmitter(NotificationKind.CONFLICT_FOUND, registration, key(registration, "conflict:" + taskId), taskId,
                Map.of());
    }

    private void toSubmitter(NotificationKind kind, Registration registration, String key, String taskId,
                             Map<String, String> params) {
        Map<String, String> all = new java.util.HashMap<>(params);
        all.put("customer", registration.getCompanyName());
        notifications.notify(NotificationEvent.of(kind, key, registration.getSubmitter(), OBJECT_TYPE,
                registration.getId(), taskId, all));
    }

    private static String key(Registration registration, String occurrence) {
        return "registration:" + registration.getId() + ":" + occurrence;
    }

    private String name(String user) {
        return user == null ? "" : directory.nameAndLogin(user);
    }

    private static String text(String value) {
        return value == null ? "（未填写原因）" : value;
    }
}
