package io.baobei.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import io.baobei.common.WorkCalendar;
import io.baobei.identity.Actor;

/**
 * Reads the decisions of processes/OwnershipRules.dmn, which process admins edit in Camunda Modeler: quota,
 * daily claim limit and cooldown per team and role, and when a customer that left its owner is published.
 * Which claims need approval (PoolClaimApproval) is PoolClaimProcess's business-rule task; it is read here too for
 * the 公海 page, which asks for a reason where the managers will decide.
 */
@Component
class OwnershipRules {

    static final String QUOTA = "OwnershipQuota";
    static final String CLAIM_LIMITS = "PoolClaimLimits";
    static final String PUBLICATION = "PoolPublication";
    /** the decision Task_DecideApproval of PoolClaimProcess evaluates */
    static final String CLAIM_APPROVAL = "PoolClaimApproval";

    private final DecisionService decisions;
    private final WorkCalendar calendar;

    OwnershipRules(DecisionService decisions, WorkCalendar calendar) {
        this.decisions = decisions;
        this.calendar = calendar;
    }

    record ClaimLimits(int dailyClaimLimit, int cooldownDays) {
    }

    /** When a customer leaving its owner becomes claimable, and until when the claims that arrive are drawn. */
    record Publication(Instant claimableFrom, Instant drawUntil) {
    }

    int quota(Actor rep) {
        return integer(evaluate(QUOTA, who(rep)), "maxCustomers");
    }

    ClaimLimits claimLimits(Actor rep) {
        DmnDecisionResultEntries result = evaluate(CLAIM_LIMITS, who(rep));
        return new ClaimLimits(integer(result, "dailyClaimLimit"), integer(result, "cooldownDays"));
    }

    boolean claimNeedsApproval(Grade grade) {
        return Boolean.TRUE.equals(evaluate(CLAIM_APPROVAL, Map.<String, Object>of("grade", grade.name())).getEntry("approvalRequired"));
    }

    Publication publication(OwnershipAction leaveAction, Grade grade, Instant leftAt, ZoneId zone) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("leaveAction", leaveAction.name());
        inputs.put("grade", grade.name());
        DmnDecisionResultEntries result = evaluate(PUBLICATION, inputs);
        int delay = integer(result, "delayWorkingDays");
        int window = integer(result, "drawWindowMinutes");
        Object at = result.getEntry("publishAt");
        Instant from;
        if (delay <= 0) {
            from = leftAt;
        } else {
            // working days of the team's calendar (weekends, the holidays and make-up days of baobei.calendar)
            LocalDate day = calendar.plusWorkingDays(LocalDate.ofInstant(leftAt, zone), delay);
            LocalTime time = at == null ? LocalTime.MIDNIGHT : LocalTime.parse(at.toString().strip());
            from = day.atTime(time).atZone(zone).toInstant();
        }
        return new Publication(from, window <= 0 ? null : from.plus(Duration.ofMinutes(window)));
    }

    private static Map<String, Object> who(Actor rep) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("team", rep.team());
        inputs.put("role", rep.role().name());
        return inputs;
    }

    private DmnDecisionResultEntries evaluate(String key, Map<String, Object> inputs) {
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(key).variables(inputs).evaluate()
                .getFirstResult();
        if (result == null) {
            throw new IllegalStateException("OwnershipRules.dmn: decision " + key + " has no rule for " + inputs);
        }
        return result;
    }

    private static int integer(DmnDecisionResultEntries result, String name) {
        Object value = result.getEntry(name);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("OwnershipRules.dmn: output " + name + " is not a number: " + value);
        }
        return number.intValue();
    }
}
