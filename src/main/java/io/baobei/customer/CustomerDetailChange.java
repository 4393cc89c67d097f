package io.baobei.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.baobei.privacy.EncryptedString;

/**
 * A detail of an existing customer that a registration or claim carried differently from the record: kept as a
 * proposed change (encrypted, as the record is), never written over the record.
 */
@Entity
@Table(name = "customer_detail_change")
public class CustomerDetailChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    @Column(nullable = false)
    private String field;
    @Convert(converter = EncryptedString.class)
    private String proposedValue;
    @Column(nullable = false)
    private String proposedBy;
    private Long registrationId;
    @Column(nullable = false)
    private Instant createdAt;

    protected CustomerDetailChange() {
    }

    CustomerDetailChange(Long customerId, String field, String proposedValue, String proposedBy, Long registrationId,
                         Instant createdAt) {
        this.customerId = customerId;
        this.field = field;
        this.proposedValue = proposedValue;
        this.proposedBy = proposedBy;
        this.registrationId = registrationId;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public Long getCustomerId() { return customerId; }
    public String getField() { return field; }
    public String getProposedValue() { return proposedValue; }
    public String getProposedBy() { return proposedBy; }
    public Long getRegistrationId() { return registrationId; }
    public Instant getCreatedAt() { return createdAt; }
}
