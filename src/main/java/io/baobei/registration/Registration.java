package io.baobei.registration;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.dedup.Verdict;
import io.baobei.privacy.EncryptedString;

/** 报备单: a rep's request to own a prospect. */
@Entity
@Table(name = "registration")
public class Registration {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String companyName;
    @Column(nullable = false)
    private String normalizedName;
    private String creditCode;
    @Convert(converter = EncryptedString.class)
    @Column(nullable = false)
    private String contactName;
    @Convert(converter = EncryptedString.class)
    @Column(nullable = false)
    private String phone;
    @Convert(converter = EncryptedString.class)
    private String email;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Industry industry;
    @Column(nullable = false)
    private String region;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Grade grade;
    @Column(nullable = false)
    private LocalDate firstContactDate;
    private String notes;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegistrationStatus status;
    @Enumerated(EnumType.STRING)
    private Verdict verdict;
    @Column(nullable = false)
    private String submitter;
    private String teamId;
    private String processInstanceId;
    private Long customerId;
    @Enumerated(EnumType.STRING)
    private ReviewDecision decision;
    private String decisionReason;
    private String decidedBy;
    private Instant decidedAt;
    /** why the ownership rules refused the approved registration (status REFUSED) */
    private String refusalReason;
    /** 报备时效, measured at submission (RegistrationService.recordTimeliness); null before it was measured */
    private Boolean late;
    private Integer lateHours;
    private Integer reportingLimitHours;
    /** when the open review was escalated to the directors; reset by a new review round */
    private Instant reviewEscalatedAt;
    /** the reviewer rejected it as a duplicate of an existing customer (审核表单的驳回类别): appealable after SUSPECT */
    private Boolean rejectedAsDuplicate;
    @Column(nullable = false)
    private Instant createdAt;
    @Column(nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Registration() {
    }

    public Registration(String submitter, String teamId, String processInstanceId, Instant now) {
        this.submitter = submitter;
        this.teamId = teamId;
        this.processInstanceId = processInstanceId;
        this.createdAt = now;
        this.updatedAt = now;
        this.status = RegistrationStatus.CHECKING;
    }

    /** Takes the (validated) submission; contact fields left null keep their previous value. */
    void apply(ValidRegistration form, Instant now) {
        this.companyName = form.companyName();
        this.normalizedName = form.normalizedName();
        this.creditCode = form.creditCode();
        if (form.contactName() != null) {
            this.contactName = form.contactName();
        }
        if (form.phone() != null) {
            this.phone = form.phone();
        }
        if (form.email() != null) {
            this.email = form.email().isEmpty() ? null : form.email();
        }
        this.industry = form.industry();
        this.region = form.region();
        this.grade = form.grade();
        this.firstContactDate = form.firstContactDate();
        this.notes = form.notes();
        this.status = RegistrationStatus.CHECKING;
        this.verdict = null;
        this.updatedAt = now;
    }

    void recordVerdict(Verdict verdict, Instant now) {
        this.verdict = verdict;
        this.status = verdict == Verdict.CONFLICT ? RegistrationStatus.CONFLICT : RegistrationStatus.IN_REVIEW;
        this.reviewEscalatedAt = null;
        this.updatedAt = now;
    }

    void recordTimeliness(boolean late, int hoursAfterFirstContact, int limitHours) {
        this.late = late;
        this.lateHours = hoursAfterFirstContact;
        this.reportingLimitHours = limitHours;
    }

    void markReviewEscalated(Instant now) {
        this.reviewEscalatedAt = now;
        this.updatedAt = now;
    }

    void recordDecision(ReviewDecision decision, String reason, boolean asDuplicate, String reviewer, Instant now) {
        this.rejectedAsDuplicate = decision == ReviewDecision.REJECT ? asDuplicate : null;
        this.decision = decision;
        this.decisionReason = reason;
        this.decidedBy = reviewer;
        this.decidedAt = now;
        this.updatedAt = now;
        if (decision == ReviewDecision.REJECT) {
            this.status = RegistrationStatus.REJECTED;
        } else if (decision == ReviewDecision.REVISE) {
            this.status = RegistrationStatus.REVISION;
        }
    }

    /** Approved by the manager, but a rule of OwnershipRules.dmn refuses the grant now (quota, cooldown, ...). */
    void markRefused(String reason, Instant now) {
        this.status = RegistrationStatus.REFUSED;
        this.refusalReason = reason;
        this.updatedAt = now;
    }

    void markApproved(Long customerId, Instant now) {
        this.customerId = customerId;
        this.status = RegistrationStatus.APPROVED;
        this.updatedAt = now;
    }

    /** Approved, but a colleague won the race for the customer in the meantime. */
    void markConflict(Instant now) {
        this.status = RegistrationStatus.CONFLICT;
        this.verdict = Verdict.CONFLICT;
        this.updatedAt = now;
    }

    /** The submitter appealed (申诉): from CONFLICT, or from REJECTED as a duplicate. */
    void markAppealing(Instant now) {
        this.status = RegistrationStatus.APPEALING;
        this.updatedAt = now;
    }

    /** The appeal was dismissed: closed, with the decider's reason where a refusal's is kept. */
    void markAppealDismissed(String reason, Instant now) {
        this.status = RegistrationStatus.APPEAL_DISMISSED;
        this.refusalReason = reason;
        this.updatedAt = now;
    }

    /**
     * The appeal found the two companies different (NOT_SAME): the registration goes to review again as a new customer,
     * a fresh round without the earlier decision.
     */
    void reopenForReview(Verdict verdict, Instant now) {
        this.status = RegistrationStatus.IN_REVIEW;
        this.verdict = verdict;
        this.decision = null;
        this.decisionReason = null;
        this.decidedBy = null;
        this.decidedAt = null;
        this.rejectedAsDuplicate = null;
        this.reviewEscalatedAt = null;
        this.updatedAt = now;
    }

    void markWithdrawn(Instant now) {
        this.status = RegistrationStatus.WITHDRAWN;
        this.updatedAt = now;
    }

    /** Withdrawn from outside its process (the submitter left): the reason is kept where a refusal's is. */
    void markWithdrawn(String reason, Instant now) {
        markWithdrawn(now);
        this.refusalReason = reason;
    }

    public Long getId() { return id; }
    public String getCompanyName() { return companyName; }
    public String getNormalizedName() { return normalizedName; }
    public String getCreditCode() { return creditCode; }
    public String getContactName() { return contactName; }
    public String getPhone() { return phone; }
    public String getEmail() { return email; }
    public Industry getIndustry() { return industry; }
    public String getRegion() { return region; }
    public Grade getGrade() { return grade; }
    public LocalDate getFirstContactDate() { return firstContactDate; }
    public String getNotes() { return notes; }
    public RegistrationStatus getStatus() { return status; }
    public Verdict getVerdict() { return verdict; }
    public String getSubmitter() { return submitter; }
    public String getTeamId() { return teamId; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Long getCustomerId() { return customerId; }
    public ReviewDecision getDecision() { return decision; }
    public String getDecisionReason() { return decisionReason; }
    public String getRefusalReason() { return refusalReason; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Boolean getLate() { return late; }
    /** hours from the end of the first-contact day (business time zone) to the submission */
    public Integer getLateHours() { return lateHours; }
    public Integer getReportingLimitHours() { return reportingLimitHours; }
    public Instant getReviewEscalatedAt() { return reviewEscalatedAt; }
    public boolean isRejectedAsDuplicate() { return Boolean.TRUE.equals(rejectedAsDuplicate); }
    public Instant getUpdatedAt() { return updatedAt; }
}
