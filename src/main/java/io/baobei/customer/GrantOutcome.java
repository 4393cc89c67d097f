package io.baobei.customer;

/** Result of granting an approved registration its customer, read by Gateway_GrantOutcome. */
public enum GrantOutcome {
    GRANTED,
    /** a colleague got the customer between the duplicate check and the approval */
    CONFLICT,
    /** a rule of OwnershipRules.dmn refuses it now (quota; for a pool customer cooldown, publication, daily limit) */
    REFUSED
}
