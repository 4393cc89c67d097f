package io.baobei.customer;

/**
 * What another feature keeps about a customer and must move to the survivor when the customer is merged into it
 * (follow-ups, registrations). Called by {@link OwnershipService#merge} inside its transaction, so the features'
 * tables move with the customers' rows or not at all, without the ownership core reading those tables.
 */
public interface MergeParticipant {

    /** Moves what belongs to {@code mergedId} to {@code survivorId}; returns how many records moved. */
    int moveToSurvivor(Long mergedId, Long survivorId);

    /** How those records are named in the history: "跟进记录", "报备". */
    String label();
}
