package io.baobei.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.DisplayTimes;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DistinctPairs;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.Verdict;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

/**
 * The ownership core: the only code that changes a customer's owner or status. Grant (from a registration), claim
 * (from the pool), transfer, release, reclaim, convert and import each check the rules of OwnershipRules.dmn, write
 * the ownership history and the audit entry, and start, retarget or end the protection process through
 * {@link ProtectionPort}, in the caller's transaction. Locks are taken customer rows first, then the rep's row
 * ({@link RepLocks}), so two changes never wait for each other.
 * <p>
 * A refusal ({@link OwnershipRefusedException}) is an answer, not a failure: it is thrown before anything is changed
 * and leaves the caller's transaction usable, so that a caller may record it (a claim refused at its grant).
 */
@Service
@Transactional(noRollbackFor = OwnershipRefusedException.class)
public class OwnershipService {

    /** someone else took the customer out of the pool this recently: a claim "lost" the race rather than came late */
    static final Duration LOST_WINDOW = Duration.ofDays(1);

    private final CustomerRepository customers;
    private final OwnershipEventRepository events;
    private final ProtectionPeriodRepository periods;
    private final CustomerDetailChangeRepository detailChanges;
    private final OwnershipHistory history;
    private final OwnershipRules rules;
    private final RepLocks repLocks;
    private final ProtectionPort protection;
    private final List<PendingOwnershipRequests> pendingRequests;
    private final UserDirectory directory;
    private final DuplicateCheck duplicateCheck;
    private final DistinctPairs distinctPairs;
    private final AsSystem asSystem;
    private final java.time.Clock clock;

    public OwnershipService(CustomerRepository customers, OwnershipEventRepository events,
                            ProtectionPeriodRepository periods, CustomerDetailChangeRepository detailChanges,
                            OwnershipHistory history, OwnershipRules rules, RepLocks repLocks,
                            ProtectionPort protection, List<PendingOwnershipRequests> pendingRequests,
                            UserDirectory directory, DuplicateCheck duplicateCheck, DistinctPairs distinctPairs,
                            AsSystem asSystem, java.time.Clock clock) {
        this.customers = customers;
        this.events = events;
        this.periods = periods;
        this.detailChanges = detailChanges;
        this.history = history;
        this.rules = rules;
        this.repLocks = repLocks;
        this.protection = protection;
        this.pendingRequests = pendingRequests;
        this.directory = directory;
        this.duplicateCheck = duplicateCheck;
        this.distinctPairs = distinctPairs;
        this.asSystem = asSystem;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ rules

    /**
     * Whether the request being decided is itself counted among the rep's pending requests (and so must not count
     * against itself): a registration in review counts against the quota, a pool claim made today also against
     * the daily claim limit.
     */
    public record Counted(boolean inQuota, boolean inDailyLimit) {
        public static final Counted NOTHING = new Counted(false, false);
        public static final Counted REGISTRATION = new Counted(true, false);
    }

    /** How a pending pool claim made at {@code createdAt} is counted now. */
    public Counted pendingClaim(Instant createdAt) {
        return new Counted(true, !createdAt.isBefore(startOfToday()));
    }

    /** The quota (保有量): protected customers plus pending registrations and claims, against OwnershipQuota. */
    // not readOnly: evaluating OwnershipRules.dmn writes decision history, which a read-only PostgreSQL transaction refuses
    @Transactional
    public Optional<OwnershipRefusal> quotaRefusal(Actor rep, Counted self) {
        return Optional.of(quotaUse(rep, self)).filter(QuotaUse::full).map(use -> new OwnershipRefusal(ClaimRule.QUOTA,
                "您名下保护中的客户与处理中的报备、领取共 " + use.used() + " 个，已达保有量上限（" + use.max()
                        + " 个）。客户成交、被回收，或您在客户跟进任务中选择“释放到公海”后，即可继续报备或领取。", null));
    }

    /** How much of a rep's quota is used: protected customers plus pending requests, against OwnershipQuota. */
    private record QuotaUse(long used, int max) {
        boolean full() {
            return used >= max;
        }
    }

    private QuotaUse quotaUse(Actor rep, Counted self) {
        int max = asSystem.call(() -> rules.quota(rep));
        long held = customers.countByOwnerAndStatus(rep.username(), CustomerStatus.PROTECTED);
        long pending = pendingRequests.stream().mapToLong(p -> p.pendingFor(rep.username())).sum()
                - (self.inQuota() ? 1 : 0);
        return new QuotaUse(held + pending, max);
    }

    /**
     * The rules a claim of {@code customer} by {@code claimant} must pass now. When several refuse, the answer is
     * the one that lasts longest, so a rep is never sent back too early: cooldown or publication (the later of the
     * two), then quota, then the daily limit. {@code drawAllowed}: a pool claim inside the draw window enters the
     * draw; a registration cannot, it is told to claim from the pool.
     */
    // not readOnly: evaluating OwnershipRules.dmn writes decision history, which a read-only PostgreSQL transaction refuses
    @Transactional
    public Optional<OwnershipRefusal> claimRefusal(Customer customer, Actor claimant, Counted self, boolean drawAllowed) {
        Instant now = Instant.now(clock);
        if (customer.getStatus() != CustomerStatus.POOL) {
            return Optional.of(new OwnershipRefusal(ClaimRule.NOT_IN_POOL, "该客户不在公海中，不能领取。", null));
        }
        // a registration may not overtake a colleague's claim that won the customer and waits for approval or grant
        // (a pool claim checks this itself and answers LOST)
        if (!drawAllowed && pendingRequests.stream().anyMatch(p -> p.reserves(customer.getId(), claimant.username()))) {
            return Optional.of(new OwnershipRefusal(ClaimRule.NOT_IN_POOL, "同事对该公海客户的领取正在等待主管审批或授予；"
                    + "如被驳回，客户仍留在公海，届时可以再领取或报备。", null));
        }
        OwnershipRules.ClaimLimits limits = asSystem.call(() -> rules.claimLimits(claimant));
        List<OwnershipRefusal> timed = new ArrayList<>();
        events.findFirstByCustomerIdAndFromOwnerAndActionInOrderByOccurredAtDescIdDesc(customer.getId(),
                claimant.username(), OwnershipAction.LOSSES).ifPresent(lost -> {
            Instant until = lost.getOccurredAt().plus(Duration.ofDays(limits.cooldownDays()));
            if (now.isBefore(until)) {
                timed.add(new OwnershipRefusal(ClaimRule.COOLDOWN, "该客户于 " + display(lost.getOccurredAt())
                        + " 离开您的名下（" + lost.getAction().label() + "），" + limits.cooldownDays()
                        + " 天冷却期内您不能再领取或报备它，" + display(until) + " 起可以。", until));
            }
        });
        if (customer.getClaimableFrom() != null && now.isBefore(customer.getClaimableFrom())) {
            timed.add(new OwnershipRefusal(ClaimRule.NOT_YET_PUBLISHED, "该客户将于 " + display(customer.getClaimableFrom())
                    + " 在公海发布" + (customer.getDrawUntil() == null ? "，届时起可以领取。"
                    : "，发布后 " + duration(customer.getClaimableFrom(), customer.getDrawUntil())
                    + "内的领取将抽签决定。"), customer.getClaimableFrom()));
        } else if (!drawAllowed && inDrawWindow(customer, now)) {
            timed.add(new OwnershipRefusal(ClaimRule.NOT_YET_PUBLISHED, "该客户刚在公海发布，" + display(customer.getDrawUntil())
                    + " 前的领取抽签决定：请在公海中领取参与抽签，或在此之后再报备。", customer.getDrawUntil()));
        }
        Optional<OwnershipRefusal> longest = timed.stream().max(Comparator.comparing(OwnershipRefusal::retryAfter));
        if (longest.isPresent()) {
            return longest;
        }
        Optional<OwnershipRefusal> quota = quotaRefusal(claimant, self);
        if (quota.isPresent()) {
            return quota;
        }
        Instant today = startOfToday();
        long claimedToday = events.countGained(claimant.username(), OwnershipAction.CLAIMED, today)
                + pendingRequests.stream().mapToLong(p -> p.pendingClaimsSince(claimant.username(), today)).sum()
                - (self.inDailyLimit() ? 1 : 0);
        if (claimedToday >= limits.dailyClaimLimit()) {
            Instant tomorrow = today.atZone(clock.getZone()).plusDays(1).toInstant();
            return Optional.of(new OwnershipRefusal(ClaimRule.DAILY_LIMIT, "您今天已领取 " + claimedToday
                    + " 个公海客户（含待审批、待抽签），达到每日上限（" + limits.dailyClaimLimit() + " 个），"
                    + display(tomorrow) + " 起可以继续领取。", tomorrow));
        }
        return Optional.empty();
    }

    /**
     * Whether a claim of a customer of this grade goes to the claimant's managers: what Task_DecideApproval of
     * PoolClaimProcess will decide (OwnershipRules.dmn, PoolClaimApproval), asked before the claim by the 公海 page.
     */
    public boolean claimNeedsApproval(Grade grade) {
        return asSystem.call(() -> rules.claimNeedsApproval(grade));
    }

    /** Between publication and the end of the draw window: claims that arrive now are drawn by lot. */
    public boolean inDrawWindow(Customer customer, Instant now) {
        return customer.getStatus() == CustomerStatus.POOL && customer.getDrawUntil() != null
                && customer.getClaimableFrom() != null && !now.isBefore(customer.getClaimableFrom())
                && now.isBefore(customer.getDrawUntil());
    }

    /** A customer that someone other than {@code claimant} took out of the pool within the last day. */
    @Transactional(readOnly = true)
    public boolean justTakenByAnother(Customer customer, String claimant) {
        if (customer.getStatus() == CustomerStatus.POOL || claimant.equals(customer.getOwner())) {
            return false;
        }
        return events.findFirstByCustomerIdOrderByOccurredAtDescIdDesc(customer.getId())
                .filter(e -> e.getFromStatus() == CustomerStatus.POOL)
                .filter(e -> e.getOccurredAt().isAfter(Instant.now(clock).minus(LOST_WINDOW)))
                .isPresent();
    }

    /** At submission: the quota, and for a company that is in the pool the claim rules (registering it is claiming it). */
    // not readOnly: evaluating OwnershipRules.dmn writes decision history, which a read-only PostgreSQL transaction refuses
    @Transactional
    public void checkRegistration(String submitter, String normalizedName, String creditCode, String phone,
                                  String email) {
        Actor rep = directory.actor(submitter);
        Optional<Customer> inPool = customers.findByStrongKeys(normalizedName, creditCode, phone, email).stream()
                .filter(c -> c.getStatus() == CustomerStatus.POOL).findFirst();
        Optional<OwnershipRefusal> refusal = inPool.isPresent()
                ? claimRefusal(inPool.get(), rep, Counted.REGISTRATION, false)
                : quotaRefusal(rep, Counted.REGISTRATION);
        refusal.ifPresent(r -> {
            throw new OwnershipRefusedException(r);
        });
    }

    // ---------------------------------------------------------------------------------------------- changes

    /** What an approved registration asks for. */
    public record RegistrationGrant(Long registrationId, String companyName, String normalizedName, String creditCode,
                                    String contactName, String phone, String email, String industry, String region,
                                    Grade grade, String submitter, String decidedBy) {
    }

    /** The answer to a grant: GRANTED with the customer, CONFLICT, or REFUSED with the rule. */
    public record Grant(GrantOutcome outcome, Long customerId, OwnershipRefusal refusal) {
    }

    /**
     * Makes the submitter of an approved registration the owner of its customer. The customer rows that share a
     * strong key are locked first and re-checked, and the unique keys of the customer table stop two concurrent
     * inserts of one new customer: of two approvals racing for the same customer, exactly one wins and the other
     * ends as CONFLICT. A customer in the pool is claimed under the claim rules; its record is not overwritten.
     */
    public Grant grant(RegistrationGrant request) {
        Instant now = Instant.now(clock);
        String submitter = request.submitter();
        // an appeal decided NOT_SAME for a customer sharing the phone or e-mail: another company, as for the check
        // (the credit code and the normalised name are refused for NOT_SAME, they are one company in the database)
        Set<Long> distinct = distinctPairs.customersDistinctFrom(request.companyName());
        List<Customer> existing = customers.lockByStrongKeys(request.normalizedName(), request.creditCode(),
                request.phone(), request.email()).stream().filter(c -> !distinct.contains(c.getId())).toList();
        // the same rules as the duplicate check (similar spellings too), on the state of this transaction
        Verdict recheck = duplicateCheck.check(new DuplicateCandidate(request.companyName(), request.creditCode(),
                request.phone(), request.email(), submitter)).verdict();
        if (recheck == Verdict.CONFLICT || existing.stream().anyMatch(c -> c.isOwnedByOtherThan(submitter))) {
            return new Grant(GrantOutcome.CONFLICT, null, null);
        }
        Optional<Customer> own = existing.stream().filter(c -> c.getStatus() != CustomerStatus.POOL).findFirst();
        if (own.isPresent()) {
            return new Grant(GrantOutcome.GRANTED, own.get().getId(), null); // the rep holds it already
        }
        Actor rep = directory.actor(submitter);
        repLocks.lock(submitter);
        String decider = request.decidedBy() == null ? submitter : request.decidedBy();
        if (!existing.isEmpty()) {
            Customer customer = existing.get(0);
            Optional<OwnershipRefusal> refusal = claimRefusal(customer, rep, Counted.REGISTRATION, false);
            if (refusal.isPresent()) {
                return new Grant(GrantOutcome.REFUSED, customer.getId(), refusal.get());
            }
            String differences = keepDifferences(customer, request, now);
            protect(customer, rep, OwnershipSource.REGISTRATION, OwnershipAction.CLAIMED, CustomerStatus.POOL,
                    "报备 #" + request.registrationId() + " 审核通过（" + decider + "），取得公海客户" + differences,
                    decider, request.registrationId(), now);
            return new Grant(GrantOutcome.GRANTED, customer.getId(), null);
        }
        Optional<OwnershipRefusal> quota = quotaRefusal(rep, Counted.REGISTRATION);
        if (quota.isPresent()) {
            return new Grant(GrantOutcome.REFUSED, null, quota.get());
        }
        Customer customer = new Customer(request.companyName(), request.grade(), now);
        customer.updateDetails(request.companyName(), request.creditCode(), request.contactName(), request.phone(),
                request.email(), request.industry(), request.region(), request.grade());
        customer = customers.saveAndFlush(customer);
        protect(customer, rep, OwnershipSource.REGISTRATION, OwnershipAction.PROTECTION_GRANTED, null,
                "报备 #" + request.registrationId() + " 审核通过（" + decider + "）", decider, request.registrationId(), now);
        return new Grant(GrantOutcome.GRANTED, customer.getId(), null);
    }

    /**
     * 领取: {@code claimant} becomes the owner of a pool customer, under the rules as they stand now (a claim waiting
     * for approval or the draw is checked again when it is granted). Throws {@link OwnershipRefusedException}.
     * The refusal comes before any change and the grant step records it in the caller's transaction, which the
     * class-level noRollbackFor keeps from being marked rollback-only.
     */
    public Customer claim(Long customerId, String claimant, Counted self, String reason, String actor) {
        Customer customer = lock(customerId);
        Actor rep = directory.actor(claimant);
        repLocks.lock(claimant);
        Optional<OwnershipRefusal> refusal = claimRefusal(customer, rep, self, true);
        if (refusal.isPresent()) {
            throw new OwnershipRefusedException(refusal.get());
        }
        protect(customer, rep, OwnershipSource.POOL_CLAIM, OwnershipAction.CLAIMED, CustomerStatus.POOL,
                reason == null || reason.isBlank() ? "领取公海客户" : "领取公海客户：" + reason, actor, null,
                Instant.now(clock));
        return customer;
    }

    /**
     * 转移: a manager (or admin, or later an appeal or handover) gives a held customer to {@code toOwner}. The
     * receiver's quota is checked unless {@code overrideQuota} (recorded). By default the running protection
     * continues with its deadlines and the open follow-up task is reassigned at once; ProtectionPolicy.dmn may
     * restart the clocks for a source instead.
     */
    public Customer transfer(Long customerId, String toOwner, String reason, boolean overrideQuota,
                             OwnershipSource source, String actor) {
        Customer customer = lock(customerId);
        if (customer.getStatus() == CustomerStatus.POOL) {
            throw new BusinessRuleException("该客户在公海中，没有可转移的归属；销售可在公海中领取它");
        }
        if (toOwner.equals(customer.getOwner())) {
            throw new BusinessRuleException("该客户已归属 " + toOwner);
        }
        Actor receiver = directory.actor(toOwner);
        if (receiver.team() == null) {
            throw new BusinessRuleException("接收人 " + toOwner + " 不属于任何销售团队");
        }
        repLocks.lock(toOwner);
        QuotaUse quota = quotaUse(receiver, Counted.NOTHING);
        if (quota.full() && !overrideQuota) {
            throw new OwnershipRefusedException(new OwnershipRefusal(ClaimRule.QUOTA, "接收人 " + toOwner
                    + " 名下保护中的客户与处理中的报备、领取共 " + quota.used() + " 个，已达保有量上限（"
                    + quota.max() + " 个）。可以转给其他同事，或选择超额转移（overrideQuota，记入客户历史）。", null));
        }
        Instant now = Instant.now(clock);
        String from = customer.getOwner();
        CustomerStatus status = customer.getStatus();
        String recorded = (reason == null ? "转移" : "转移：" + reason)
                + (quota.full() ? "（接收人保有量已满，由 " + actor + " 超额转移）" : "");
        ProtectionPort.Terms terms = asSystem.call(() -> protection.terms(customer.getGrade(), source));
        if (status == CustomerStatus.PROTECTED && terms.restartClock()) {
            endPeriod(customer, OwnershipAction.TRANSFERRED, true, now);
            protect(customer, receiver, source, OwnershipAction.TRANSFERRED, status, recorded, actor, null, now);
            return customer;
        }
        customer.transferTo(toOwner, receiver.team(), now);
        Customer saved = customers.saveAndFlush(customer);
        history.record(saved, OwnershipAction.TRANSFERRED, from, status, recorded, actor, null);
        if (status == CustomerStatus.PROTECTED) {
            periods.findByActiveCustomerId(saved.getId()).ifPresent(period -> period.handTo(toOwner));
            asSystem.run(() -> protection.retarget(saved));
        }
        return saved;
    }

    /**
     * 延期: the protection of a protected customer ends later ({@code until}, after the current end); the owner and
     * the follow-up deadline stay. Recorded in the history and the audit; the running protection process's timers
     * follow the new end at once. Policy limits (how many, how long) are the caller's (the extension request's) rule.
     */
    public Customer extendProtection(Long customerId, Instant until, String reason, String actor) {
        Customer customer = lock(customerId);
        if (customer.getStatus() != CustomerStatus.PROTECTED || customer.getProtectedUntil() == null) {
            throw new BusinessRuleException("客户 " + customerId + " 不在保护期中，不能延期");
        }
        if (!until.isAfter(customer.getProtectedUntil())) {
            throw new BusinessRuleException("新的保护期结束时间必须晚于当前的结束时间");
        }
        Instant previous = customer.getProtectedUntil();
        customer.extendProtection(until, Instant.now(clock));
        Customer saved = customers.saveAndFlush(customer);
        history.record(saved, OwnershipAction.EXTENDED, saved.getOwner(), saved.getStatus(),
                "保护期由 " + DisplayTimes.minute(previous, clock) + " 延至 " + DisplayTimes.minute(until, clock)
                        + (reason == null || reason.isBlank() ? "" : "：" + reason), actor, null);
        asSystem.run(() -> protection.deadlinesMoved(saved));
        return saved;
    }

    /**
     * 离职交接到公海: a manager (or admin) hands a departing rep's customer (protected or a won deal) to the pool. The
     * publication rules apply as for a release; the running protection ends from outside.
     */
    public Customer handToPool(Long customerId, String fromOwner, String reason, String actor) {
        Customer customer = lock(customerId);
        if (customer.getStatus() == CustomerStatus.POOL || !fromOwner.equals(customer.getOwner())) {
            throw new BusinessRuleException("客户 " + customerId + " 不在 " + fromOwner + " 名下，不能交接到公海");
        }
        toPool(customer, OwnershipAction.RELEASED, reason, actor, true);
        return customer;
    }

    /**
     * 释放: the owner gives a protected customer back to the pool (publication rules apply, the cooldown starts for
     * them). {@code processInstanceId}: the protection instance whose follow-up task chose it, or null from the API.
     */
    public Customer release(Long customerId, String owner, String reason, String processInstanceId) {
        Customer customer = lock(customerId);
        boolean allowed = processInstanceId != null ? customer.isProtectedBy(processInstanceId)
                : customer.getStatus() == CustomerStatus.PROTECTED && owner.equals(customer.getOwner());
        if (!allowed) {
            throw new BusinessRuleException("只有保护中客户的归属销售可以释放它");
        }
        toPool(customer, OwnershipAction.RELEASED, reason == null ? "主动释放到公海" : "主动释放到公海：" + reason,
                customer.getOwner(), processInstanceId == null);
        return customer;
    }

    /** 回收 by the protection timers. A customer not protected by {@code processInstanceId} stays as it is. */
    public boolean reclaim(Long customerId, String processInstanceId, OwnershipAction action, String reason) {
        Customer customer = lock(customerId);
        if (!customer.isProtectedBy(processInstanceId)) {
            return false;
        }
        toPool(customer, action, reason, OwnershipEvent.SYSTEM, false);
        return true;
    }

    /**
     * 成交: the owner keeps the customer with its {@code deal}, protection ends. {@code processInstanceId}: the
     * protection instance whose follow-up task recorded the deal, or null (the running protection is then ended from
     * outside). The deal is held to {@link Deal#check}, the rule the follow-up form was checked with (a signing date
     * not after today stays so when this runs later), and is recorded in the history and the audit.
     */
    public void convert(Long customerId, String processInstanceId, Deal deal, String note, String actor) {
        Customer customer = lock(customerId);
        boolean allowed = processInstanceId != null ? customer.isProtectedBy(processInstanceId)
                : customer.getStatus() == CustomerStatus.PROTECTED;
        if (!allowed) {
            throw new BusinessRuleException("客户 " + customerId + " 不在保护期中，不能标记成交");
        }
        List<FieldError> refused = new ArrayList<>();
        Deal.check(deal.amount(), deal.signedOn().toString(), LocalDate.now(clock),
                LocalDate.ofInstant(customer.getProtectedSince(), clock.getZone()), refused);
        if (!refused.isEmpty()) {
            throw new InvalidInputException(refused);
        }
        Instant now = Instant.now(clock);
        CustomerStatus before = customer.getStatus();
        endPeriod(customer, OwnershipAction.CONVERTED, processInstanceId == null, now);
        customer.markConverted(deal, now);
        String reason = "成交金额 " + deal.amountText() + " 元，签约日期 " + deal.signedOn()
                + (note == null || note.isBlank() ? "" : "；" + note);
        history.record(customers.saveAndFlush(customer), OwnershipAction.CONVERTED, customer.getOwner(), before,
                reason, actor == null ? OwnershipEvent.SYSTEM : actor, null);
    }

    /** The owner of an imported customer, with its deadlines when the import (or demo data) states them. */
    public record ImportedOwner(String owner, String team, Instant since, Instant protectedUntil, Instant followUpDue) {
        public ImportedOwner(String owner, String team) {
            this(owner, team, null, null, null);
        }
    }

    /**
     * 导入: saves a new customer, in the pool (claimable at once, first come, first served) or protected for
     * {@code owner} under ProtectionPolicy (source IMPORT). Imports are not held to the quota: an admin moves data.
     */
    public Customer importCustomer(Customer customer, ImportedOwner owner, String reason, String actor) {
        Instant now = Instant.now(clock);
        Customer saved = customers.saveAndFlush(customer);
        if (owner == null) {
            history.record(saved, OwnershipAction.IMPORTED, null, null, reason, actor, null);
            return saved;
        }
        ProtectionPort.Terms terms = asSystem.call(() -> protection.terms(saved.getGrade(), OwnershipSource.IMPORT));
        Instant since = owner.since() == null ? now : owner.since();
        saved.protectFor(owner.owner(), owner.team(), since,
                Objects.requireNonNullElse(owner.protectedUntil(), since.plus(Duration.ofDays(terms.protectionDays()))),
                Objects.requireNonNullElse(owner.followUpDue(), since.plus(Duration.ofDays(terms.followUpIntervalDays()))));
        Customer protectedCustomer = customers.saveAndFlush(saved);
        history.record(protectedCustomer, OwnershipAction.IMPORTED, null, null, reason, actor, null);
        startPeriod(protectedCustomer, OwnershipSource.IMPORT, since);
        return protectedCustomer;
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** The ownership history and the recorded differing details of a customer, oldest first. */
    @Transactional(readOnly = true)
    public List<OwnershipEvent> historyOf(Long customerId) {
        return events.findByCustomerIdOrderByOccurredAtAscIdAsc(customerId);
    }

    @Transactional(readOnly = true)
    public List<CustomerDetailChange> detailChangesOf(Long customerId) {
        return detailChanges.findByCustomerIdOrderByCreatedAtAscIdAsc(customerId);
    }

    /** How the current owner came to hold the customer (ProtectionPolicy's source), REGISTRATION when unknown. */
    @Transactional(readOnly = true)
    public OwnershipSource currentSource(Long customerId) {
        return periods.findByActiveCustomerId(customerId).map(ProtectionPeriod::getSource)
                .orElse(OwnershipSource.REGISTRATION);
    }

    /** How much of a rep's quota (保有量) is used now, as {@link #transfer} counts it for a receiver. */
    public record QuotaStanding(long used, int max) {
    }

    // not readOnly: evaluating OwnershipRules.dmn writes decision history, which a read-only PostgreSQL transaction refuses
    @Transactional
    public QuotaStanding quotaOf(String username) {
        QuotaUse use = quotaUse(directory.actor(username), Counted.NOTHING);
        return new QuotaStanding(use.used(), use.max());
    }

    /** The customers {@code owner} holds (protected and won deals), by id: what a handover moves. */
    @Transactional(readOnly = true)
    public List<Customer> heldBy(String owner) {
        return customers.findByOwner(owner, Pageable.unpaged(Sort.by("id"))).getContent();
    }

    /** Locks {@code username}'s quota row for the rest of the transaction: after the customer rows it concerns. */
    public void lockRep(String username) {
        repLocks.lock(username);
    }

    /** The customer, locked for the rest of the transaction. */
    public Customer lock(Long customerId) {
        return customers.lockById(customerId).orElseThrow(() -> new NotFoundException("客户", customerId));
    }

    // ----------------------------------------------------------------------------------------------- inside

    private void protect(Customer customer, Actor rep, OwnershipSource source, OwnershipAction action,
                         CustomerStatus fromStatus, String reason, String actor, Long registrationId, Instant now) {
        ProtectionPort.Terms terms = asSystem.call(() -> protection.terms(customer.getGrade(), source));
        String previousOwner = customer.getOwner();
        customer.protectFor(rep.username(), rep.team(), now, now.plus(Duration.ofDays(terms.protectionDays())),
                now.plus(Duration.ofDays(terms.followUpIntervalDays())));
        Customer saved = customers.saveAndFlush(customer);
        history.record(saved, action, previousOwner, fromStatus, reason, actor, registrationId);
        startPeriod(saved, source, now);
    }

    private void startPeriod(Customer customer, OwnershipSource source, Instant now) {
        String processInstanceId = asSystem.call(() -> protection.start(customer));
        customer.setProtectionProcessInstanceId(processInstanceId);
        customers.saveAndFlush(customer);
        periods.saveAndFlush(new ProtectionPeriod(customer.getId(), customer.getOwner(), source, processInstanceId, now));
    }

    private void endPeriod(Customer customer, OwnershipAction reason, boolean fromOutside, Instant now) {
        periods.findByActiveCustomerId(customer.getId()).ifPresent(period -> {
            period.end(reason, now);
            periods.saveAndFlush(period);
            if (fromOutside) {
                asSystem.run(() -> protection.end(period.getProcessInstanceId(), reason));
            }
        });
    }

    private void toPool(Customer customer, OwnershipAction action, String reason, String actor, boolean endFromOutside) {
        Instant now = Instant.now(clock);
        String from = customer.getOwner();
        CustomerStatus fromStatus = customer.getStatus();
        endPeriod(customer, action, endFromOutside, now);
        OwnershipRules.Publication publication = asSystem.call(() ->
                rules.publication(action, customer.getGrade(), now, zone()));
        customer.releaseToPool(now, action, publication.claimableFrom(), publication.drawUntil());
        history.record(customers.saveAndFlush(customer), action, from, fromStatus, reason, actor, null);
    }

    /**
     * The details a registration of an existing customer carried: empty fields of the record are filled, differing
     * ones are kept as proposed changes (encrypted) and named in the history, never written over the record.
     */
    private String keepDifferences(Customer customer, RegistrationGrant request, Instant now) {
        List<String> differing = new ArrayList<>();
        String[][] fields = {
                {"creditCode", "统一社会信用代码", customer.getCreditCode(), request.creditCode()},
                {"contactName", "联系人", customer.getContactName(), request.contactName()},
                {"phone", "联系电话", customer.getPhone(), request.phone()},
                {"email", "邮箱", customer.getEmail(), request.email()},
                {"industry", "行业", customer.getIndustry(), request.industry()},
                {"region", "地区", customer.getRegion(), request.region()},
                {"grade", "意向等级", customer.getGrade().name(), request.grade() == null ? null : request.grade().name()}};
        for (String[] field : fields) {
            String stored = field[2];
            String proposed = field[3];
            if (proposed != null && !proposed.isBlank() && stored != null && !stored.isBlank()
                    && !proposed.strip().equals(stored.strip())) {
                detailChanges.save(new CustomerDetailChange(customer.getId(), field[0], proposed, request.submitter(),
                        request.registrationId(), now));
                differing.add(field[1]);
            }
        }
        customer.fillMissingDetails(request.creditCode(), request.contactName(), request.phone(), request.email(),
                request.industry(), request.region());
        return differing.isEmpty() ? "" : "；报备填写的" + String.join("、", differing)
                + "与客户档案不同，已记录为待核对的变更，未覆盖档案";
    }

    private Instant startOfToday() {
        return LocalDate.now(clock).atStartOfDay(zone()).toInstant();
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private String display(Instant instant) {
        return DisplayTimes.minute(instant, clock);
    }

    /** "2 小时", "90 分钟" */
    private static String duration(Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " 小时" : minutes + " 分钟";
    }

    // ------------------------------------------------------------------------------------------------ merge

    /** The features whose records of a customer move to the survivor of a merge (follow-ups, registrations). */
    private List<MergeParticipant> mergeParticipants = List.of();

    // injected here rather than through the constructor: the merge block stays in one place of this class
    @org.springframework.beans.factory.annotation.Autowired
    void setMergeParticipants(List<MergeParticipant> participants) {
        this.mergeParticipants = List.copyOf(participants);
    }

    /** The outcome of a merge: who survived, who was closed as merged into it. */
    /** The survivor (its name and owner after the merge) and each customer merged into it, with its owner before. */
    public record Merge(Long survivorId, String survivorName, String survivorOwner, List<Merged> merged) {

        public List<Long> mergedIds() {
            return merged.stream().map(Merged::id).toList();
        }
    }

    /** @param formerOwner the rep who held it until the merge, null for a customer in the pool */
    public record Merged(Long id, String companyName, String formerOwner) {
    }

    /**
     * 合并重复客户 (admins, from a cluster of the duplicate scan): the survivor keeps its ownership; the others are closed
     * as MERGED (never deleted) after their follow-ups, registrations, ownership history and proposed detail changes
     * moved to the survivor; a running protection of a merged customer ends (message ProtectionEnded), the survivor
     * takes the contact details it lacks, and each step is in the history and the audit log.
     * <p>
     * The rows are locked in id order, customers only (no rep row: a merge counts against nobody's quota), so a merge
     * and a claim of one of its customers run one after the other: a claim that comes second finds the customer
     * merged (不在公海), a merge that comes second finds it protected by the claimant and, with another holder among
     * the customers, refuses.
     *
     * @param survivorId   the customer that survives, or null: the one a rep holds (protected, else won), else the
     *                     one registered first
     * @param acrossOwners whether the admin accepted that customers of two different owners are merged (one of them
     *                     loses theirs); without it such a merge is refused, naming the customers and owners
     */
    public Merge merge(Long survivorId, Collection<Long> customerIds, boolean acrossOwners, String note, String actor) {
        List<Long> ids = customerIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (ids.size() < 2) {
            throw new BusinessRuleException("合并至少需要两个客户");
        }
        if (survivorId != null && !ids.contains(survivorId)) {
            throw new InvalidInputException(List.of(new FieldError("survivorId", "保留的客户须是要合并的客户之一")));
        }
        List<Customer> locked = ids.stream().map(this::lock).toList();
        for (Customer customer : locked) {
            if (customer.getStatus() == CustomerStatus.MERGED) {
                throw new BusinessRuleException("客户 " + customer.getId() + "「" + customer.getCompanyName()
                        + "」已合并到客户 " + customer.getMergedIntoId() + "，请重新扫描后再合并");
            }
        }
        List<Customer> held = locked.stream().filter(c -> c.getOwner() != null).toList();
        List<String> owners = held.stream().map(Customer::getOwner).distinct().toList();
        if (owners.size() > 1 && !acrossOwners) {
            StringBuilder conflict = new StringBuilder("这些客户分属不同的销售：");
            for (Customer c : held) {
                conflict.append("客户 ").append(c.getId()).append("「").append(c.getCompanyName()).append("」")
                        .append(c.getStatus() == CustomerStatus.CONVERTED ? "已由 " : "由 ")
                        .append(directory.nameAndLogin(c.getOwner()))
                        .append(c.getStatus() == CustomerStatus.CONVERTED ? " 成交；" : " 保护中；");
            }
            throw new BusinessRuleException(conflict + "合并后只有保留客户的归属不变，其他销售将失去各自的客户。"
                    + "确认要合并时请在请求中加上 \"acrossOwners\": true。");
        }
        Comparator<Customer> registeredFirst = Comparator.comparing(Customer::getCreatedAt).thenComparing(Customer::getId);
        Customer survivor = survivorId != null
                ? locked.stream().filter(c -> c.getId().equals(survivorId)).findFirst().orElseThrow()
                : held.stream().filter(c -> c.getStatus() == CustomerStatus.PROTECTED).min(registeredFirst)
                .or(() -> held.stream().min(registeredFirst))
                .orElseGet(() -> locked.stream().min(registeredFirst).orElseThrow());
        Instant now = Instant.now(clock);
        String why = note == null || note.isBlank() ? "" : "：" + note.strip();
        List<Merged> merged = new ArrayList<>();
        for (Customer customer : locked) {
            if (customer == survivor) {
                continue;
            }
            String fromOwner = customer.getOwner();
            CustomerStatus fromStatus = customer.getStatus();
            endPeriod(customer, OwnershipAction.MERGED, true, now);
            String creditCode = survivor.getCreditCode() == null ? customer.giveUpCreditCode() : null;
            customer.markMergedInto(survivor.getId(), now);
            customers.saveAndFlush(customer); // the credit code leaves the merged row before the survivor takes it
            survivor.fillMissingFrom(creditCode, customer);
            customers.saveAndFlush(survivor);
            customers.repointMerged(customer.getId(), survivor.getId());
            List<String> moved = new ArrayList<>();
            int events = this.events.moveToCustomer(customer.getId(), survivor.getId());
            if (events > 0) {
                moved.add(events + " 条归属历史");
            }
            detailChanges.moveToCustomer(customer.getId(), survivor.getId());
            for (MergeParticipant participant : mergeParticipants) {
                int count = participant.moveToSurvivor(customer.getId(), survivor.getId());
                if (count > 0) {
                    moved.add(count + " 条" + participant.label());
                }
            }
            String was = fromOwner == null ? fromStatus.label() : fromStatus.label() + "，" + fromOwner;
            history.record(customer, OwnershipAction.MERGED, fromOwner, fromStatus, "合并到客户 " + survivor.getId()
                    + "「" + survivor.getCompanyName() + "」" + why, actor, null);
            history.record(survivor, OwnershipAction.MERGED, survivor.getOwner(), survivor.getStatus(), "并入重复客户 "
                    + customer.getId() + "「" + customer.getCompanyName() + "」（原为" + was + "）"
                    + (moved.isEmpty() ? "" : "，移入" + String.join("、", moved)) + why, actor, null);
            merged.add(new Merged(customer.getId(), customer.getCompanyName(), fromOwner));
        }
        return new Merge(survivor.getId(), survivor.getCompanyName(), survivor.getOwner(), merged);
    }
}
