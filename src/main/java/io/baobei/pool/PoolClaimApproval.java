package io.baobei.pool;

import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import io.baobei.customer.Grade;

/**
 * Whether a claim of a customer of this grade goes to the claimant's managers: the decision that
 * Task_DecideApproval of PoolClaimProcess evaluates (OwnershipRules.dmn, PoolClaimApproval; by default grade A),
 * asked by the 公海 page before the claim so that the rep can give the managers a reason.
 */
@Component
class PoolClaimApproval {

    /** the decision's key, as Task_DecideApproval's decisionRef names it */
    static final String DECISION = "PoolClaimApproval";

    private final DecisionService decisions;

    PoolClaimApproval(DecisionService decisions) {
        this.decisions = decisions;
    }

    boolean needed(Grade grade) {
        Object required = decisions.evaluateDecisionByKey(DECISION).variables(Map.of("grade", grade.name()))
                .evaluate().getSingleEntry();
        return Boolean.TRUE.equals(required);
    }
}
