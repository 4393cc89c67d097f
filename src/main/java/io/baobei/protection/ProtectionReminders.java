package io.baobei.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.DisplayTimes;
import io.baobei.customer.Customer;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * What the reminder and warning timers of Task_FollowUp do (docs/deadlines.md). The follow-up task, and with it
 * its timers, is created anew after every follow-up, and a timer whose date has passed fires at once: so every
 * reminder is keyed by the protection process instance and the deadline it is about, and Notifications adds
 * nothing for a key it has seen. One reminder per deadline, however often the loop goes round.
 */
@Service
@Transactional
public class ProtectionReminders {

    static final String OBJECT_TYPE = "CUSTOMER";

    private final OwnershipService ownership;
    private final Notifications notifications;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final Clock clock;

    public ProtectionReminders(OwnershipService ownership, Notifications notifications, UserDirectory directory,
                               AuditLog auditLog, Clock clock) {
        this.ownership = ownership;
        this.notifications = notifications;
        this.directory = directory;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Sends {@code reminder} for the customer of protection instance {@code processInstanceId}, linking to its open
     * follow-up task {@code taskId} (null: Tasklist). Nothing happens when the customer has left that protection
     * meanwhile. {@code now}: the engine's time, which the timers run by.
     */
    public void remind(DeadlineReminder reminder, Long customerId, String processInstanceId, String taskId,
                       Instant now) {
        Customer customer = ownership.lock(customerId);
        if (!customer.isProtectedBy(processInstanceId)) {
            return;
        }
        String owner = customer.getOwner();
        switch (reminder) {
            case FOLLOW_UP_DUE -> notifications.notify(NotificationEvent.of(NotificationKind.FOLLOW_UP_DUE,
                    key("follow-up-due", processInstanceId, customer.getNextFollowUpDue()), owner, OBJECT_TYPE,
                    customerId, taskId, Map.of("customer", customer.getCompanyName(),
                            "date", DisplayTimes.minute(customer.getNextFollowUpDue(), clock))));
            case PROTECTION_ENDING -> notifications.notify(NotificationEvent.of(NotificationKind.PROTECTION_ENDING,
                    key("protection-ending", processInstanceId, customer.getProtectedUntil()), owner, OBJECT_TYPE,
                    customerId, taskId, Map.of("customer", customer.getCompanyName(),
                            "date", DisplayTimes.minute(customer.getProtectedUntil(), clock),
                            "days", Long.toString(io.baobei.customer.CustomerResponse.Countdown
                                    .daysLeft(customer.getProtectedUntil(), now)))));
            case MANAGER_ESCALATION -> escalate(customer, processInstanceId, taskId);
            case UNCONVERTED -> warnUnconverted(customer, processInstanceId, taskId, now);
        }
    }

    /** The owner (RECLAIM_SOON) and the managers of the owner's team (RECLAIM_ESCALATED), once per reclaim date. */
    private void escalate(Customer customer, String processInstanceId, String taskId) {
        Instant reclaimAt = DeadlineDates.reclaimAt(customer);
        Map<String, String> params = Map.of("customer", customer.getCompanyName(),
                "date", DisplayTimes.minute(reclaimAt, clock),
                "reason", DeadlineDates.reclaimedForNoFollowUp(customer) ? "超时未跟进" : "保护期到期",
                "owner", directory.name(customer.getOwner()));
        notifications.notify(NotificationEvent.of(NotificationKind.RECLAIM_SOON,
                key("reclaim-soon", processInstanceId, reclaimAt), customer.getOwner(), OBJECT_TYPE,
                customer.getId(), taskId, params));
        List<String> managers = managersOf(customer);
        if (!managers.isEmpty()) {
            notifications.notify(NotificationEvent.of(NotificationKind.RECLAIM_ESCALATED,
                    key("reclaim-escalated", processInstanceId, reclaimAt), managers, OBJECT_TYPE,
                    customer.getId(), null, params));
        }
    }

    /**
     * 长期未成交预警: the flag on the customer (GET /api/customers/{id} "unconvertedWarning"), an audit entry, and
     * the owner and the team's managers told; once per protection.
     */
    private void warnUnconverted(Customer customer, String processInstanceId, String taskId, Instant now) {
        if (customer.isUnconvertedWarned()) {
            return;
        }
        customer.warnUnconverted(now);
        long days = Duration.between(customer.getProtectedSince(), now).toDays();
        auditLog.recordAs(AuditLog.SYSTEM, "UNCONVERTED_WARNING", OBJECT_TYPE, customer.getId(), null,
                "unconvertedWarning=true", "保护 " + days + " 天仍未成交（保护期至 "
                        + DisplayTimes.minute(customer.getProtectedUntil(), clock) + "）");
        Map<String, String> params = Map.of("customer", customer.getCompanyName(),
                "owner", directory.name(customer.getOwner()), "days", Long.toString(days),
                "date", DisplayTimes.minute(customer.getProtectedUntil(), clock));
        notifications.notify(NotificationEvent.of(NotificationKind.UNCONVERTED_WARNING,
                "unconverted:" + processInstanceId, customer.getOwner(), OBJECT_TYPE, customer.getId(), taskId, params));
        List<String> managers = managersOf(customer);
        if (!managers.isEmpty()) {
            // the managers' copy links to Tasklist: the task is the owner's
            notifications.notify(NotificationEvent.of(NotificationKind.UNCONVERTED_WARNING,
                    "unconverted:" + processInstanceId + ":team", managers, OBJECT_TYPE, customer.getId(), null, params));
        }
    }

    /** The members of the owner's team's manager group, not the owner (who is told as the owner). */
    private List<String> managersOf(Customer customer) {
        return directory.managersOf(customer.getOwnerTeam(), customer.getOwner());
    }

    /** One occurrence: this protection and this deadline (a moved deadline is a new one). */
    private static String key(String what, String processInstanceId, Instant deadline) {
        return what + ":" + processInstanceId + ":" + deadline.getEpochSecond();
    }
}
