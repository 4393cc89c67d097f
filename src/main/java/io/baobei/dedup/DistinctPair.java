package io.baobei.dedup;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A company name and an existing customer that an appeal decided are different companies (不是同一家公司). */
@Entity
@Table(name = "distinct_pair")
class DistinctPair {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** as {@link CompanyNames#normalize} gives it, the form the registration stores */
    @Column(nullable = false)
    private String normalizedName;
    @Column(nullable = false)
    private Long customerId;
    private Long appealId;
    @Column(nullable = false)
    private Instant createdAt;

    protected DistinctPair() {
    }

    DistinctPair(String normalizedName, Long customerId, Long appealId, Instant createdAt) {
        this.normalizedName = normalizedName;
        this.customerId = customerId;
        this.appealId = appealId;
        this.createdAt = createdAt;
    }

    Long getCustomerId() { return customerId; }
    Long getAppealId() { return appealId; }
}
