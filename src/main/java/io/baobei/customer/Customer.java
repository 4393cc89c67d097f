package io.baobei.customer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;
import io.baobei.privacy.ContactCrypto;
import io.baobei.privacy.EncryptedString;

/** 客户: one company, one record across the organisation. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String companyName;
    @Column(nullable = false)
    private String normalizedName;
    private String creditCode;
    @Convert(converter = EncryptedString.class)
    private String contactName;
    /** canonical form (see PhoneNumbers), encrypted at rest */
    @Convert(converter = EncryptedString.class)
    private String phone;
    @Convert(converter = EncryptedString.class)
    private String email;
    /** blind indexes: keyed hashes of phone and email, for matching without decrypting */
    private String phoneHash;
    private String emailHash;
    private String industry;
    private String region;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Grade grade;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CustomerStatus status;
    private String owner;
    private String ownerTeam;
    private Instant protectedSince;
    private Instant protectedUntil;
    private Instant nextFollowUpDue;
    private String protectionProcessInstanceId;
    /** in the pool: since when, why (the OwnershipAction that put it there), from when it may be claimed, and until
     * when the claims that arrive are drawn by lot (null: first come, first served from claimableFrom) */
    private Instant inPoolSince;
    @Enumerated(EnumType.STRING)
    private OwnershipAction poolReason;
    private Instant claimableFrom;
    private Instant drawUntil;
    /** 长期未成交预警 of the protection running at that time (see {@link #isUnconvertedWarned}) */
    private Instant unconvertedWarnedAt;
    /** 成交: the deal, set with the conversion (null for customers converted before deals were recorded) */
    @Column(precision = 14, scale = 2)
    private java.math.BigDecimal dealAmount;
    private java.time.LocalDate dealSignedOn;
    @Column(nullable = false)
    private Instant createdAt;
    @Column(nullable = false)
    private Instant updatedAt;
    @Version
    private long version;
    /** the duplicate check's blocking keys, kept current with the name in the same transaction */
    @ElementCollection
    @CollectionTable(name = "customer_name_key", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "name_key")
    private Set<String> nameKeys = new HashSet<>();
    /**
     * The analysed name (dedup.CompanyName without {@code full}, which is normalizedName), kept with the name so
     * the duplicate check does not analyse every candidate again; nameVersion is CompanyNames.ANALYSIS_VERSION.
     */
    private String nameCore;
    private String nameTrade;
    private String nameRegion;
    private Boolean nameBranch;
    private Boolean nameGroup;
    private Integer nameVersion;
    /** 已合并: the customer this one was merged into, and when */
    private Long mergedIntoId;
    private Instant mergedAt;

    protected Customer() {
    }

    public Customer(String companyName, Grade grade, Instant now) {
        this.companyName = companyName;
        this.grade = grade;
        this.status = CustomerStatus.POOL;
        this.inPoolSince = now;
        this.poolReason = OwnershipAction.IMPORTED;
        this.claimableFrom = now;
        this.createdAt = now;
        this.updatedAt = now;
        reindexName();
    }

    /**
     * Recomputes the analysed name and the name keys of the duplicate check (after a name change, or to
     * rebuild the index). Unchanged values leave the entity clean, so a rebuild writes only what changed.
     */
    public void reindexName() {
        CompanyName analysed = CompanyNames.analyze(companyName);
        normalizedName = analysed.full();
        nameCore = analysed.core();
        nameTrade = analysed.trade();
        nameRegion = analysed.region();
        nameBranch = analysed.branch();
        nameGroup = analysed.group();
        nameVersion = CompanyNames.ANALYSIS_VERSION;
        // a merged customer is no candidate of any check: its duplicate, the survivor, is
        Set<String> keys = status == CustomerStatus.MERGED ? Set.of() : analysed.blockingKeys();
        nameKeys.retainAll(keys);
        nameKeys.addAll(keys);
    }

    /**
     * Starts a protection period for {@code owner}. Package-private: only the ownership core (OwnershipService)
     * changes an owner or a status, with history, audit and the protection process in the same transaction.
     */
    void protectFor(String owner, String ownerTeam, Instant since, Instant until, Instant followUpDue) {
        this.owner = owner;
        this.ownerTeam = ownerTeam;
        this.status = CustomerStatus.PROTECTED;
        this.protectedSince = since;
        this.protectedUntil = until;
        this.nextFollowUpDue = followUpDue;
        this.inPoolSince = null;
        this.poolReason = null;
        this.claimableFrom = null;
        this.drawUntil = null;
        this.updatedAt = since;
    }

    /** Another owner continues the running protection: same deadlines, same protection process. */
    void transferTo(String owner, String ownerTeam, Instant now) {
        this.owner = owner;
        this.ownerTeam = ownerTeam;
        this.updatedAt = now;
    }

    /** Back to the public pool: no owner, no deadlines; claimable from {@code claimableFrom}, drawn until {@code drawUntil}. */
    void releaseToPool(Instant now, OwnershipAction reason, Instant claimableFrom, Instant drawUntil) {
        this.owner = null;
        this.ownerTeam = null;
        this.status = CustomerStatus.POOL;
        this.protectedSince = null;
        this.protectedUntil = null;
        this.nextFollowUpDue = null;
        this.protectionProcessInstanceId = null;
        this.inPoolSince = now;
        this.poolReason = reason;
        this.claimableFrom = claimableFrom;
        this.drawUntil = drawUntil;
        this.updatedAt = now;
    }

    /** 成交: the owner keeps the customer; protection deadlines no longer apply. */
    void markConverted(Deal deal, Instant now) {
        this.status = CustomerStatus.CONVERTED;
        this.dealAmount = deal.amount();
        this.dealSignedOn = deal.signedOn();
        this.nextFollowUpDue = null;
        this.protectionProcessInstanceId = null;
        this.updatedAt = now;
    }

    /** 延期: the protection ends later; owner and status stay. Package-private: only OwnershipService extends. */
    void extendProtection(Instant until, Instant now) {
        this.protectedUntil = until;
        this.updatedAt = now;
    }

    /** 长期未成交预警: flagged by the protection process; not a change of owner, status or dates. */
    public void warnUnconverted(Instant now) {
        this.unconvertedWarnedAt = now;
    }

    /** Flagged during the protection that runs now (a flag of an earlier protection does not count). */
    public boolean isUnconvertedWarned() {
        return status == CustomerStatus.PROTECTED && unconvertedWarnedAt != null && protectedSince != null
                && !unconvertedWarnedAt.isBefore(protectedSince);
    }

    /**
     * 合并: closed as a duplicate of {@code survivorId}; no owner, no deadlines, no name keys. Package-private like
     * every status change: OwnershipService.merge does it with history, audit and the end of the protection.
     */
    void markMergedInto(Long survivorId, Instant now) {
        this.status = CustomerStatus.MERGED;
        this.owner = null;
        this.ownerTeam = null;
        this.protectedSince = null;
        this.protectedUntil = null;
        this.nextFollowUpDue = null;
        this.protectionProcessInstanceId = null;
        this.inPoolSince = null;
        this.poolReason = null;
        this.claimableFrom = null;
        this.drawUntil = null;
        this.mergedIntoId = survivorId;
        this.mergedAt = now;
        this.updatedAt = now;
        nameKeys.clear();
    }

    /** The credit code leaves a merged customer for its survivor (the column is unique): returns it, or null. */
    String giveUpCreditCode() {
        String code = creditCode;
        creditCode = null;
        return code;
    }

    /** The survivor of a merge takes the details it lacks from a merged customer (never overwrites its own). */
    void fillMissingFrom(String creditCode, Customer merged) {
        fillMissingDetails(creditCode, merged.contactName, merged.phone, merged.email, merged.industry, merged.region);
    }

    public void moveFollowUpDue(Instant due, Instant now) {
        this.nextFollowUpDue = due;
        this.updatedAt = now;
    }

    public void updateDetails(String companyName, String creditCode, String contactName, String phone, String email,
                              String industry, String region, Grade grade) {
        // the name is analysed when it changes (or its analysis is not current), not again right after the constructor
        boolean reanalyse = !companyName.equals(this.companyName) || getAnalysedName() == null || nameKeys.isEmpty();
        this.companyName = companyName;
        if (creditCode != null) {
            this.creditCode = creditCode;
        }
        this.contactName = contactName;
        this.phone = phone;
        this.email = email;
        this.phoneHash = ContactCrypto.get().blindIndex(phone);
        this.emailHash = ContactCrypto.get().blindIndex(email);
        this.industry = industry;
        this.region = region;
        this.grade = grade;
        if (reanalyse) {
            reindexName();
        }
    }

    /** Fills the details the record lacks; never changes one it has (OwnershipService keeps those as proposed changes). */
    void fillMissingDetails(String creditCode, String contactName, String phone, String email, String industry,
                            String region) {
        if (this.creditCode == null && creditCode != null) {
            this.creditCode = creditCode;
        }
        if (isBlank(this.contactName)) {
            this.contactName = contactName;
        }
        if (isBlank(this.phone) && phone != null) {
            this.phone = phone;
            this.phoneHash = ContactCrypto.get().blindIndex(phone);
        }
        if (isBlank(this.email) && email != null) {
            this.email = email;
            this.emailHash = ContactCrypto.get().blindIndex(email);
        }
        if (isBlank(this.industry)) {
            this.industry = industry;
        }
        if (isBlank(this.region)) {
            this.region = region;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** True when the customer is protected and {@code processInstanceId} is its current protection process. */
    public boolean isProtectedBy(String processInstanceId) {
        return status == CustomerStatus.PROTECTED && processInstanceId != null
                && processInstanceId.equals(protectionProcessInstanceId);
    }

    /** True when a rep other than {@code username} holds this customer (protected or converted). */
    public boolean isOwnedByOtherThan(String username) {
        return isOwnedByOtherThan(owner, status, username);
    }

    /** The same for a customer read as columns (the duplicate check's projection). */
    public static boolean isOwnedByOtherThan(String owner, CustomerStatus status, String username) {
        return owner != null && status != CustomerStatus.POOL && !owner.equals(username);
    }

    public Long getId() { return id; }
    public String getCompanyName() { return companyName; }
    public String getNormalizedName() { return normalizedName; }
    public String getCreditCode() { return creditCode; }
    public String getContactName() { return contactName; }
    public String getPhone() { return phone; }
    public String getEmail() { return email; }
    public String getIndustry() { return industry; }
    public String getRegion() { return region; }
    public Grade getGrade() { return grade; }
    public CustomerStatus getStatus() { return status; }
    public String getOwner() { return owner; }
    public String getOwnerTeam() { return ownerTeam; }
    public Instant getProtectedSince() { return protectedSince; }
    public Instant getProtectedUntil() { return protectedUntil; }
    public Instant getNextFollowUpDue() { return nextFollowUpDue; }
    public String getProtectionProcessInstanceId() { return protectionProcessInstanceId; }
    void setProtectionProcessInstanceId(String id) { this.protectionProcessInstanceId = id; }
    public Instant getInPoolSince() { return inPoolSince; }
    public OwnershipAction getPoolReason() { return poolReason; }
    public Instant getClaimableFrom() { return claimableFrom; }
    public Instant getDrawUntil() { return drawUntil; }
    /** the deal of a converted customer, or null */
    public Deal getDeal() { return dealAmount == null ? null : new Deal(dealAmount, dealSignedOn); }
    public Instant getCreatedAt() { return createdAt; }
    /** the survivor this customer was merged into, or null */
    public Long getMergedIntoId() { return mergedIntoId; }
    public Instant getMergedAt() { return mergedAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    /** The stored analysis as a CompanyName, or null when it is missing or from another analyser version. */
    public CompanyName getAnalysedName() {
        return nameVersion == null || nameVersion != CompanyNames.ANALYSIS_VERSION ? null
                : new CompanyName(normalizedName, nameCore, nameTrade, nameRegion, nameBranch, nameGroup);
    }
}
