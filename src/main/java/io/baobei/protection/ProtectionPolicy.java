package io.baobei.protection;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipSource;
import io.baobei.customer.ProtectionPort;

/**
 * Reads the DMN decision {@code ProtectionPolicy} (processes/ProtectionPolicy.dmn), which admins edit in Camunda
 * Modeler: protection days, follow-up interval and whether a transfer restarts them, per grade and source.
 */
@Component
class ProtectionPolicy {

    static final String DECISION_KEY = "ProtectionPolicy";

    private final DecisionService decisionService;

    ProtectionPolicy(DecisionService decisionService) {
        this.decisionService = decisionService;
    }

    ProtectionPort.Terms terms(Grade grade, OwnershipSource source) {
        DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(DECISION_KEY)
                .variables(Map.of("grade", grade.name(), "source", source.name()))
                .evaluate()
                .getFirstResult();
        if (result == null) {
            throw new IllegalStateException("ProtectionPolicy has no rule for grade " + grade + " and source " + source);
        }
        return new ProtectionPort.Terms(number(result, "protectionDays"), number(result, "followUpIntervalDays"),
                !Boolean.FALSE.equals(result.getEntry("restartClock")));
    }

    /**
     * The reminder and warning times of a grade (outputs followUpReminderHours, protectionReminderDays,
     * managerEscalationDays, unconvertedShare). Read from the rules that do not name a source (source null): the
     * protection process starts before its period (and so its source) is recorded, and the reminders of one
     * protection must not change with who holds it.
     */
    Reminders reminders(Grade grade) {
        Map<String, Object> inputs = new java.util.HashMap<>();
        inputs.put("grade", grade.name());
        inputs.put("source", null);
        DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(DECISION_KEY).variables(inputs)
                .evaluate().getFirstResult();
        if (result == null) {
            throw new IllegalStateException("ProtectionPolicy has no rule without source for grade " + grade);
        }
        double share = result.getEntry("unconvertedShare") instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(share > 0 && share < 1)) {
            throw new IllegalStateException("ProtectionPolicy: unconvertedShare of grade " + grade + " must be between 0 and 1");
        }
        return new Reminders(java.time.Duration.ofHours(number(result, "followUpReminderHours")),
                java.time.Duration.ofDays(number(result, "protectionReminderDays")),
                java.time.Duration.ofDays(number(result, "managerEscalationDays")), share);
    }

    /**
     * @param followUpReminder     before the follow-up deadline: the owner is reminded (FOLLOW_UP_DUE)
     * @param protectionReminder   before the protection ends: the owner is reminded (PROTECTION_ENDING) and the
     *                             follow-up task shows the countdown
     * @param managerEscalation    before the reclaim (the earlier deadline): the team's managers are told
     * @param unconvertedShare     of the protection period, after which a customer without a deal is flagged
     */
    record Reminders(java.time.Duration followUpReminder, java.time.Duration protectionReminder,
                     java.time.Duration managerEscalation, double unconvertedShare) {
    }

    private static int number(DmnDecisionResultEntries result, String name) {
        if (!(result.getEntry(name) instanceof Number value)) {
            throw new IllegalStateException("ProtectionPolicy: output " + name + " is not a number");
        }
        return value.intValue();
    }
}
