package io.baobei.protection;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import io.baobei.customer.Grade;

/**
 * Reads the DMN decision {@code ProtectionPolicy} (processes/ProtectionPolicy.dmn), which admins edit
 * in Camunda Modeler: protection days and follow-up interval per grade.
 */
@Component
public class ProtectionPolicy {

    public static final String DECISION_KEY = "ProtectionPolicy";

    private final DecisionService decisionService;

    public ProtectionPolicy(DecisionService decisionService) {
        this.decisionService = decisionService;
    }

    public record Terms(int protectionDays, int followUpIntervalDays) {
    }

    public Terms forGrade(Grade grade) {
        DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(DECISION_KEY)
                .variables(Map.of("grade", grade.name()))
                .evaluate()
                .getSingleResult();
        if (result == null) {
            throw new IllegalStateException("ProtectionPolicy has no rule for grade " + grade);
        }
        return new Terms(((Number) result.getEntry("protectionDays")).intValue(),
                ((Number) result.getEntry("followUpIntervalDays")).intValue());
    }
}
