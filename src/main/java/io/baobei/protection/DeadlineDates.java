package io.baobei.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.baobei.common.DisplayTimes;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerResponse;

import static io.baobei.protection.ProtectionVariables.*;

/**
 * The dates of a protection as process variables: the two deadlines the customer carries (protection end, follow-up
 * deadline) and, from ProtectionPolicy.dmn's lead times for the customer's grade, the dates of the reminder and
 * warning timers of Task_FollowUp. Computed whenever a deadline is set or moved (start, follow-up recorded,
 * extension), so the timers created with the next follow-up task, and those re-dated by an extension, agree.
 */
@Component
class DeadlineDates {

    private final ProtectionPolicy policy;
    private final Clock clock;

    DeadlineDates(ProtectionPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    Map<String, Object> variables(Customer customer) {
        Instant until = customer.getProtectedUntil();
        Instant due = customer.getNextFollowUpDue();
        Instant since = customer.getProtectedSince();
        ProtectionPolicy.Reminders reminders = policy.reminders(customer.getGrade());
        Map<String, Object> variables = new HashMap<>();
        variables.put(PROTECTED_UNTIL, Date.from(until));
        variables.put(FOLLOW_UP_DUE, Date.from(due));
        variables.put(PROTECTED_UNTIL_TEXT, DisplayTimes.minute(until, clock));
        variables.put(FOLLOW_UP_DUE_TEXT, DisplayTimes.minute(due, clock));
        variables.put(FOLLOW_UP_REMINDER_AT, Date.from(due.minus(reminders.followUpReminder())));
        variables.put(PROTECTION_REMINDER_AT, Date.from(until.minus(reminders.protectionReminder())));
        variables.put(MANAGER_ESCALATION_AT, Date.from(reclaimAt(customer).minus(reminders.managerEscalation())));
        long periodSeconds = Duration.between(since, until).getSeconds();
        variables.put(UNCONVERTED_WARNING_AT,
                Date.from(since.plusSeconds(Math.round(periodSeconds * reminders.unconvertedShare()))));
        return variables;
    }

    /** When the customer goes back to the pool unless something happens: the earlier of its two deadlines. */
    static Instant reclaimAt(Customer customer) {
        Instant until = customer.getProtectedUntil();
        Instant due = customer.getNextFollowUpDue();
        return due.isBefore(until) ? due : until;
    }

    /** Whether the reclaim at {@link #reclaimAt} is the follow-up deadline (else the end of the protection). */
    static boolean reclaimedForNoFollowUp(Customer customer) {
        return customer.getNextFollowUpDue().isBefore(customer.getProtectedUntil());
    }

    /**
     * The follow-up task's countdown at {@code now}: "保护期还剩 3 天（至 2026-11-30 10:00），到期前未成交将回收到公海"
     * from the protection reminder's date on, empty before (a countdown of 80 days tells nobody anything).
     */
    String countdownText(Date protectedUntil, Date protectionReminderAt, Instant now) {
        if (protectedUntil == null || protectionReminderAt == null || now.isBefore(protectionReminderAt.toInstant())) {
            return "";
        }
        Instant until = protectedUntil.toInstant();
        long days = CustomerResponse.Countdown.daysLeft(until, now);
        return (days == 0 ? "保护期已到（" : "保护期还剩 " + days + " 天（") + "至 " + DisplayTimes.minute(until, clock)
                + "），到期前未成交将回收到公海";
    }
}
