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

    private static int number(DmnDecisionResultEntries result, String name) {
        if (!(result.getEntry(name) instanceof Number value)) {
            throw new IllegalStateException("ProtectionPolicy: output " + name + " is not a number");
        }
        return value.intValue();
    }
}
