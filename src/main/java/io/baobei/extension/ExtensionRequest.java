package io.baobei.extension;

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
 * One request to extend a customer's protection (申请延期), for the protection period it was made in. While PENDING,
 * {@code pendingCustomerId} holds the customer's id under a unique index: one pending request per customer.
 */
@Entity
@Table(name = "extension_request")
class ExtensionRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long customerId;
    private Long pendingCustomerId;
    @Column(nullable = false)
    private String requester;
    private String requesterTeam;
    private String protectionProcessInstanceId;
    @Column(nullable = false)
    private int days;
    @Column(nullable = false)
    private String reason;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ExtensionChannel channel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ExtensionStatus status;
    private String message;
    private Instant previousUntil;
    private Instant newUntil;
    private String decidedBy;
    private String decisionReason;
    private String processInstanceId;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant decidedAt;

    protected ExtensionRequest() {
    }

    ExtensionRequest(Long customerId, String requester, String requesterTeam, String protectionProcessInstanceId,
                     int days, String reason, ExtensionChannel channel, Instant now) {
        this.customerId = customerId;
        this.pendingCustomerId = customerId;
        this.requester = requester;
        this.requesterTeam = requesterTeam;
        this.protectionProcessInstanceId = protectionProcessInstanceId;
        this.days = days;
        this.reason = reason;
        this.channel = channel;
        this.status = ExtensionStatus.PENDING;
        this.message = "等待主管审批";
        this.createdAt = now;
    }

    /** A request refused before it could be pending (the customer is not the requester's, or one is pending). */
    static ExtensionRequest refusedAtOnce(Long customerId, String requester, String requesterTeam, int days,
                                          String reason, ExtensionChannel channel, String message, Instant now) {
        ExtensionRequest request = new ExtensionRequest(customerId, requester, requesterTeam, null, days, reason,
                channel, now);
        request.refuse(message, now);
        return request;
    }

    void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void refuse(String message, Instant now) {
        end(ExtensionStatus.REFUSED, message, now);
    }

    void reject(String by, String reason, Instant now) {
        this.decidedBy = by;
        this.decisionReason = reason;
        end(ExtensionStatus.REJECTED, "主管 " + by + " 驳回了延期申请：" + reason, now);
    }

    /** Approved by {@code by}; the protection is extended by the next (asynchronous) step. */
    void approve(String by, String reason) {
        this.decidedBy = by;
        this.decisionReason = reason;
        this.message = "主管已批准，正在延长保护期";
    }

    void extended(Instant previousUntil, Instant newUntil, String message, Instant now) {
        this.previousUntil = previousUntil;
        this.newUntil = newUntil;
        end(ExtensionStatus.APPROVED, message, now);
    }

    void cancel(String message, Instant now) {
        end(ExtensionStatus.CANCELLED, message, now);
    }

    private void end(ExtensionStatus status, String message, Instant now) {
        this.status = status;
        this.message = message;
        this.pendingCustomerId = null;
        this.decidedAt = now;
    }

    Long getId() { return id; }
    Long getCustomerId() { return customerId; }
    String getRequester() { return requester; }
    String getRequesterTeam() { return requesterTeam; }
    String getProtectionProcessInstanceId() { return protectionProcessInstanceId; }
    int getDays() { return days; }
    String getReason() { return reason; }
    ExtensionChannel getChannel() { return channel; }
    ExtensionStatus getStatus() { return status; }
    String getMessage() { return message; }
    Instant getPreviousUntil() { return previousUntil; }
    Instant getNewUntil() { return newUntil; }
    String getDecidedBy() { return decidedBy; }
    String getDecisionReason() { return decisionReason; }
    String getProcessInstanceId() { return processInstanceId; }
    Instant getCreatedAt() { return createdAt; }
    Instant getDecidedAt() { return decidedAt; }
}
