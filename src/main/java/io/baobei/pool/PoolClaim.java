package io.baobei.pool;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.baobei.customer.ClaimRule;
import io.baobei.customer.OwnershipRefusal;

/** One claim of a pool customer by a rep, through PoolClaimProcess (Tasklist or API). */
@Entity
@Table(name = "pool_claim")
class PoolClaim {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    @Column(nullable = false)
    private String claimant;
    private String claimantTeam;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ClaimStatus status;
    @Enumerated(EnumType.STRING)
    private ClaimRule refusalRule;
    private String message;
    private Instant retryAfter;
    private Instant drawAt;
    private String reason;
    private String processInstanceId;
    private String decidedBy;
    private String decisionReason;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant decidedAt;

    protected PoolClaim() {
    }

    PoolClaim(Long customerId, String claimant, String claimantTeam, String reason, String processInstanceId,
              Instant now) {
        this.customerId = customerId;
        this.claimant = claimant;
        this.claimantTeam = claimantTeam;
        this.reason = reason;
        this.processInstanceId = processInstanceId;
        this.status = ClaimStatus.ACCEPTED;
        this.createdAt = now;
    }

    void refuse(OwnershipRefusal refusal, Instant now) {
        this.status = ClaimStatus.REFUSED;
        this.refusalRule = refusal.rule();
        this.message = refusal.message();
        this.retryAfter = refusal.retryAfter();
        this.decidedAt = now;
    }

    void lose(String message, Instant now) {
        this.status = ClaimStatus.LOST;
        this.message = message;
        this.decidedAt = now;
    }

    void awaitDraw(Instant drawAt, String message) {
        this.status = ClaimStatus.PENDING_DRAW;
        this.drawAt = drawAt;
        this.message = message;
    }

    void accept(String message) {
        this.status = ClaimStatus.ACCEPTED;
        this.message = message;
    }

    void awaitApproval(String message) {
        this.status = ClaimStatus.PENDING_APPROVAL;
        this.message = message;
    }

    void reject(String by, String reason, Instant now) {
        this.status = ClaimStatus.REJECTED;
        this.decidedBy = by;
        this.decisionReason = reason;
        this.message = "主管 " + by + " 驳回了领取" + (reason == null ? "" : "：" + reason);
        this.decidedAt = now;
    }

    void approve(String by, String reason) {
        this.decidedBy = by;
        this.decisionReason = reason;
    }

    void grant(String message, Instant now) {
        this.status = ClaimStatus.GRANTED;
        this.message = message;
        this.decidedAt = now;
    }

    Long getId() { return id; }
    Long getCustomerId() { return customerId; }
    String getClaimant() { return claimant; }
    String getClaimantTeam() { return claimantTeam; }
    ClaimStatus getStatus() { return status; }
    ClaimRule getRefusalRule() { return refusalRule; }
    String getMessage() { return message; }
    Instant getRetryAfter() { return retryAfter; }
    Instant getDrawAt() { return drawAt; }
    String getReason() { return reason; }
    String getProcessInstanceId() { return processInstanceId; }
    String getDecidedBy() { return decidedBy; }
    String getDecisionReason() { return decisionReason; }
    Instant getCreatedAt() { return createdAt; }
    Instant getDecidedAt() { return decidedAt; }
}
