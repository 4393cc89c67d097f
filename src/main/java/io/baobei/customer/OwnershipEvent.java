package io.baobei.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Ownership history: every change of a customer's owner or status, with reason and actor. Append-only. */
@Entity
@Table(name = "ownership_event")
public class OwnershipEvent {

    /** The actor recorded for changes made by the engine itself (timers). */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OwnershipAction action;
    private String fromOwner;
    private String toOwner;
    @Enumerated(EnumType.STRING)
    private CustomerStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CustomerStatus toStatus;
    private String reason;
    @Column(nullable = false)
    private String actor;
    private Long registrationId;
    @Column(nullable = false)
    private Instant occurredAt;

    protected OwnershipEvent() {
    }

    public OwnershipEvent(Long customerId, OwnershipAction action, String fromOwner, String toOwner,
                          CustomerStatus fromStatus, CustomerStatus toStatus, String reason, String actor,
                          Long registrationId, Instant occurredAt) {
        this.customerId = customerId;
        this.action = action;
        this.fromOwner = fromOwner;
        this.toOwner = toOwner;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.reason = reason;
        this.actor = actor;
        this.registrationId = registrationId;
        this.occurredAt = occurredAt;
    }

    public Long getId() { return id; }
    public Long getCustomerId() { return customerId; }
    public OwnershipAction getAction() { return action; }
    public String getFromOwner() { return fromOwner; }
    public String getToOwner() { return toOwner; }
    public CustomerStatus getFromStatus() { return fromStatus; }
    public CustomerStatus getToStatus() { return toStatus; }
    public String getReason() { return reason; }
    public String getActor() { return actor; }
    public Long getRegistrationId() { return registrationId; }
    public Instant getOccurredAt() { return occurredAt; }
}
