package io.baobei.protection;

/** Result of granting protection, read by Gateway_GrantOutcome. */
public enum GrantOutcome {
    GRANTED,
    /** a colleague got the customer between the duplicate check and the approval */
    CONFLICT
}
