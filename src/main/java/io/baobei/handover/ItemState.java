package io.baobei.handover;

/** One customer of a handover. */
enum ItemState {
    /** its job has not run (or has failed and will be retried) */
    PENDING,
    MOVED,
    /** listed with the reason: the receiver's quota, or the customer left the rep meanwhile */
    NOT_MOVED
}
