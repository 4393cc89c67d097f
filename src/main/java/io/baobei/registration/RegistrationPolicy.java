package io.baobei.registration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import io.baobei.customer.Grade;

/**
 * Reads the DMN decision {@code RegistrationPolicy} (processes/RegistrationPolicy.dmn), which admins edit in Camunda
 * Modeler: how long a registration may wait for review before the directors join in, how many hours after the first
 * contact a registration is on time, whether a late one goes to the directors at once, and how long an appeal (申诉) may
 * wait for its decision before the directors join in.
 */
@Component
class RegistrationPolicy {

    static final String DECISION_KEY = "RegistrationPolicy";

    /** The policy for one registration. */
    record Terms(Duration reviewEscalation, int reportingHours, boolean lateToDirectors, Duration appealEscalation) {
    }

    private final DecisionService decisionService;

    RegistrationPolicy(DecisionService decisionService) {
        this.decisionService = decisionService;
    }

    Terms terms(Grade grade) {
        DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(DECISION_KEY)
                .variables(Map.of("grade", grade.name()))
                .evaluate()
                .getFirstResult();
        if (result == null) {
            throw new IllegalStateException("RegistrationPolicy has no rule for grade " + grade);
        }
        Duration escalation = duration(result, "reviewEscalation");
        Object rawHours = result.getEntry("reportingHours");
        if (!(rawHours instanceof Number hours) || hours.intValue() < 0) {
            throw new IllegalStateException("RegistrationPolicy: reportingHours is not a number of hours");
        }
        return new Terms(escalation, hours.intValue(), Boolean.TRUE.equals((Object) result.getEntry("lateToDirectors")),
                duration(result, "appealEscalation"));
    }

    private static Duration duration(DmnDecisionResultEntries result, String output) {
        // as Object: getEntry is generic, and String.valueOf would take it for a char[]
        Object raw = result.getEntry(output);
        Duration duration;
        try {
            duration = Duration.parse(String.valueOf(raw));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("RegistrationPolicy: " + output
                    + " is not an ISO 8601 duration such as PT24H: " + raw, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalStateException("RegistrationPolicy: " + output + " must be positive: " + duration);
        }
        return duration;
    }
}
