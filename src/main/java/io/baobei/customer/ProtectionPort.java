package io.baobei.customer;

import java.util.Collection;
import java.util.Map;

/**
 * The one way the ownership core drives the protection process (CustomerProtectionProcess, business key = customer
 * id). Implemented by the protection feature; called only by OwnershipService, inside its transaction (the
 * changes), and by the 我的客户 page (the read {@link #openFollowUpTasks}).
 */
public interface ProtectionPort {

    /** ProtectionPolicy.dmn for a grade and a source: the period, the follow-up interval, whether a transfer restarts them. */
    record Terms(int protectionDays, int followUpIntervalDays, boolean restartClock) {
    }

    Terms terms(Grade grade, OwnershipSource source);

    /** Starts the protection process of a customer that has just been protected; returns its process instance id. */
    String start(Customer customer);

    /** The running protection continues for the customer's new owner: owner variable and open follow-up task. */
    void retarget(Customer customer);

    /**
     * The customer's protection dates have moved (an approved extension): the running protection process takes
     * the new dates and its timers follow them (no restart, the open follow-up task stays).
     */
    void deadlinesMoved(Customer customer);

    /** Ends a running protection process from outside (release by API, transfer that restarts the clocks). */
    void end(String processInstanceId, OwnershipAction reason);

    /** The open follow-up task (Task_FollowUp) of each of these protection processes that has one: process instance id → task id. */
    Map<String, String> openFollowUpTasks(Collection<String> processInstanceIds);
}
