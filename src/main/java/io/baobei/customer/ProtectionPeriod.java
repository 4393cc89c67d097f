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

/**
 * One protection period of a customer and its process instance. While it runs, {@code activeCustomerId} is the
 * customer's id, and a unique index on it makes a second running period of the same customer impossible.
 */
@Entity
@Table(name = "protection_period")
class ProtectionPeriod {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    @Column(nullable = false)
    private String owner;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OwnershipSource source;
    @Column(nullable = false)
    private String processInstanceId;
    @Column(nullable = false)
    private Instant startedAt;
    private Instant endedAt;
    @Enumerated(EnumType.STRING)
    private OwnershipAction endReason;
    private Long activeCustomerId;

    protected ProtectionPeriod() {
    }

    ProtectionPeriod(Long customerId, String owner, OwnershipSource source, String processInstanceId, Instant startedAt) {
        this.customerId = customerId;
        this.owner = owner;
        this.source = source;
        this.processInstanceId = processInstanceId;
        this.startedAt = startedAt;
        this.activeCustomerId = customerId;
    }

    void end(OwnershipAction reason, Instant now) {
        this.endedAt = now;
        this.endReason = reason;
        this.activeCustomerId = null;
    }

    void handTo(String owner) {
        this.owner = owner;
    }

    Long getId() { return id; }
    Long getCustomerId() { return customerId; }
    String getOwner() { return owner; }
    OwnershipSource getSource() { return source; }
    String getProcessInstanceId() { return processInstanceId; }
    Instant getStartedAt() { return startedAt; }
    Instant getEndedAt() { return endedAt; }
    OwnershipAction getEndReason() { return endReason; }
}
