package io.baobei.appeal;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.baobei.registration.RegistrationAppeals;

/** 申诉: a submitter's objection to a conflict or to a rejection as a duplicate, about one existing customer. */
@Entity
@Table(name = "appeal")
public class Appeal {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private Long registrationId;
    @Column(nullable = false)
    private Long customerId;
    @Column(nullable = false)
    private String appellant;
    private String appellantTeam;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegistrationAppeals.Source source;
    @Column(nullable = false)
    private String reason;
    private String evidence;
    private LocalDate firstContactDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AppealStatus status;
    @Column(nullable = false)
    private String deciderGroup;
    private String ownerAtFiling;
    @Column(nullable = false)
    private String processInstanceId;
    private Instant escalatedAt;
    @Enumerated(EnumType.STRING)
    private AppealOutcome outcome;
    private String decisionReason;
    private String decidedBy;
    private Instant decidedAt;
    @Column(nullable = false)
    private Instant createdAt;
    @Column(nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Appeal() {
    }

    Appeal(RegistrationAppeals.Target target, String appellantTeam, String reason, String evidence,
           LocalDate firstContactDate, String deciderGroup, String ownerAtFiling, Instant now) {
        this.registrationId = target.registrationId();
        this.customerId = target.customerId();
        this.appellant = target.submitter();
        this.appellantTeam = appellantTeam;
        this.source = target.source();
        this.reason = reason;
        this.evidence = evidence;
        this.firstContactDate = firstContactDate;
        this.status = AppealStatus.OPEN;
        this.deciderGroup = deciderGroup;
        this.ownerAtFiling = ownerAtFiling;
        this.processInstanceId = target.processInstanceId();
        this.createdAt = now;
        this.updatedAt = now;
    }

    void markEscalated(Instant now) {
        this.escalatedAt = now;
        this.updatedAt = now;
    }

    void decide(AppealOutcome outcome, String reason, String decider, Instant now) {
        this.status = AppealStatus.DECIDED;
        this.outcome = outcome;
        this.decisionReason = reason;
        this.decidedBy = decider;
        this.decidedAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public Long getRegistrationId() { return registrationId; }
    public Long getCustomerId() { return customerId; }
    public String getAppellant() { return appellant; }
    public String getAppellantTeam() { return appellantTeam; }
    public RegistrationAppeals.Source getSource() { return source; }
    public String getReason() { return reason; }
    public String getEvidence() { return evidence; }
    public LocalDate getFirstContactDate() { return firstContactDate; }
    public AppealStatus getStatus() { return status; }
    public String getDeciderGroup() { return deciderGroup; }
    public String getOwnerAtFiling() { return ownerAtFiling; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getEscalatedAt() { return escalatedAt; }
    public AppealOutcome getOutcome() { return outcome; }
    public String getDecisionReason() { return decisionReason; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
