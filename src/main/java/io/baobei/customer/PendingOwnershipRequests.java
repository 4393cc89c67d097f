package io.baobei.customer;

import java.time.Instant;

/**
 * Requests still pending that will make a rep the owner of a customer when granted: registrations in review and
 * pool claims waiting for approval or the draw. The features that hold them implement this, so the quota counts
 * them without the ownership core reading their tables.
 */
public interface PendingOwnershipRequests {

    /** how many of {@code username}'s requests are pending (counted against the quota) */
    long pendingFor(String username);

    /** of those, the pool claims made since {@code since} (counted against the daily claim limit) */
    default long pendingClaimsSince(String username, Instant since) {
        return 0;
    }

    /** whether a pending request of someone other than {@code username} holds the customer for them */
    default boolean reserves(Long customerId, String username) {
        return false;
    }
}
