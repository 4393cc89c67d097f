package io.baobei.appeal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * What an appeal's people hear of it (docs/notifications.md), in the step's transaction. Keys name the occurrence, so a
 * retried job notifies once. Parameters are the company name, people's names and the decider's reason: no contact data.
 */
@Component
class AppealNotices {

    static final String OBJECT_TYPE = "APPEAL";

    private final Notifications notifications;
    private final UserDirectory directory;

    AppealNotices(Notifications notifications, UserDirectory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    /** Task_DecideAppeal created: the deciders, except the appeal's parties (AppealDeciders.party). */
    void filed(Appeal appeal, String companyName, String currentOwner, String taskId) {
        List<String> deciders = directory.membersOf(appeal.getDeciderGroup()).stream()
                .filter(user -> !AppealDeciders.party(user, appeal, currentOwner)).toList();
        notifications.notify(NotificationEvent.of(NotificationKind.APPEAL_FILED, key(appeal, "filed"), deciders,
                OBJECT_TYPE, appeal.getId(), taskId,
                Map.of("customer", companyName, "by", directory.nameAndLogin(appeal.getAppellant()))));
    }

    /** Task_EscalateAppeal: the directors, who may now decide it, except its parties (as when it was filed). */
    void escalated(Appeal appeal, String companyName, String currentOwner, String taskId) {
        List<String> directors = directory.membersOf(Groups.SALES_DIRECTORS).stream()
                .filter(user -> !AppealDeciders.party(user, appeal, currentOwner)).toList();
        notifications.notify(NotificationEvent.of(NotificationKind.APPEAL_ESCALATED, key(appeal, "escalated:" + taskId),
                directors, OBJECT_TYPE, appeal.getId(), taskId,
                Map.of("customer", companyName, "by", directory.nameAndLogin(appeal.getAppellant()))));
    }

    /** The decision, to the appellant: the outcome and the decider's reason. */
    void decided(Appeal appeal, String companyName) {
        Map<String, String> params = new HashMap<>();
        params.put("customer", companyName);
        params.put("by", directory.nameAndLogin(appeal.getDecidedBy()));
        params.put("decision", appeal.getOutcome().toAppellant());
        params.put("reason", "理由：" + appeal.getDecisionReason());
        notifications.notify(NotificationEvent.of(NotificationKind.APPEAL_DECIDED, key(appeal, "decided"),
                appeal.getAppellant(), OBJECT_TYPE, appeal.getId(), null, params));
    }

    /** TRANSFER: the previous owner learns that the customer went to the appellant, by whose decision and why. */
    void customerLost(Appeal appeal, String previousOwner, String customerName) {
        notifications.notify(NotificationEvent.of(NotificationKind.APPEAL_CUSTOMER_LOST, key(appeal, "lost"),
                previousOwner, "CUSTOMER", appeal.getCustomerId(), null,
                Map.of("customer", customerName, "by", directory.nameAndLogin(appeal.getDecidedBy()),
                        "to", directory.nameAndLogin(appeal.getAppellant()), "reason", appeal.getDecisionReason())));
    }

    private static String key(Appeal appeal, String occurrence) {
        return "appeal:" + appeal.getId() + ":" + occurrence;
    }
}
