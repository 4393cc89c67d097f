package io.baobei.pool;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.Choices;
import io.baobei.common.DisplayTimes;
import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerService;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.customer.OwnershipRefusal;
import io.baobei.customer.OwnershipRefusedException;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

import static io.baobei.pool.PoolClaimVariables.CLAIM_DECISION;
import static io.baobei.pool.PoolClaimVariables.CLAIM_DECISION_REASON;
import static io.baobei.pool.PoolClaimVariables.CLAIM_REASON;
import static io.baobei.pool.PoolClaimVariables.CUSTOMER_ID;

/**
 * Claims of pool customers (领取公海客户), the steps of PoolClaimProcess: the rules are checked in the claim's own
 * transaction with the customer row locked, so of several reps claiming one customer exactly one gets it. A customer
 * that has just left an owner is claimable from its publication time; the claims that arrive in the draw window
 * after it are decided by a seeded random draw (seed and entrants in the audit log), later ones first come, first
 * served. Which claims need the manager's approval is the model's business-rule task (PoolClaimApproval).
 */
@Service
@Transactional
public class PoolClaimService {

    static final int MAX_OPTIONS = 50;
    static final int MAX_REASON = 500;

    private final PoolClaimRepository claims;
    private final OwnershipService ownership;
    private final CustomerService customers;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final Notifications notifications;
    private final Clock clock;
    private final Random seeds = new SecureRandom();

    public PoolClaimService(PoolClaimRepository claims, OwnershipService ownership, CustomerService customers,
                            UserDirectory directory, AuditLog auditLog, Notifications notifications, Clock clock) {
        this.claims = claims;
        this.ownership = ownership;
        this.customers = customers;
        this.directory = directory;
        this.auditLog = auditLog;
        this.notifications = notifications;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------- search

    /** The select of Task_ChooseCustomer: at most 50 pool customers matching the search, newest in the pool first. */
    public record Options(List<Map<String, String>> options, String summary) {
    }

    @Transactional(readOnly = true)
    public Options search(Object text, Object industry, Object region, Object grade) {
        CustomerService.PoolFilter filter = filter(text, industry, region, grade);
        Page<Customer> page = customers.findInPool(filter, PageRequest.of(0, MAX_OPTIONS,
                Sort.by(Sort.Direction.DESC, "inPoolSince").and(Sort.by("id"))));
        Instant now = Instant.now(clock);
        List<Map<String, String>> options = page.getContent().stream()
                .map(c -> Map.of("label", optionLabel(c, now), "value", c.getId().toString()))
                .collect(Collectors.toList());
        String summary = page.getTotalElements() == 0 ? "没有找到符合条件的公海客户，请换个条件再搜索。"
                : page.getTotalElements() > MAX_OPTIONS
                ? "找到 " + page.getTotalElements() + " 个公海客户，下面列出最近进入公海的 " + MAX_OPTIONS + " 个；可缩小搜索条件。"
                : "找到 " + page.getTotalElements() + " 个公海客户。";
        return new Options(options, summary);
    }

    /** The filter as a rep typed it, checked: the same for the API and the search form. */
    public static CustomerService.PoolFilter filter(Object text, Object industry, Object region, Object grade) {
        List<FieldError> errors = new ArrayList<>();
        String q = TextRules.stripped(text);
        if (q != null) {
            TextRules.check(PoolClaimVariables.SEARCH_TEXT, "搜索内容", q, 100, errors);
        }
        String r = TextRules.stripped(region);
        if (r != null) {
            TextRules.check(PoolClaimVariables.SEARCH_REGION, "地区", r, 100, errors);
        }
        String i = TextRules.stripped(industry);
        if (i != null) {
            Industry industryChoice = Choices.parse(Industry.class, i);
            if (industryChoice == null) {
                errors.add(new FieldError(PoolClaimVariables.SEARCH_INDUSTRY, "行业不正确"));
            } else {
                i = industryChoice.name();
            }
        }
        Grade g = null;
        String gradeText = TextRules.stripped(grade);
        if (gradeText != null) {
            g = Choices.parse(Grade.class, gradeText);
            if (g == null) {
                errors.add(new FieldError(PoolClaimVariables.SEARCH_GRADE, "意向等级应为 A、B、C 或 D"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CustomerService.PoolFilter(q, i, r, g);
    }

    /** The REST API's names of the form fields, so that a 400 of the API names the field the client sent. */
    private static final Map<String, String> API_FIELDS = Map.of(PoolClaimVariables.SEARCH_TEXT, "q",
            PoolClaimVariables.SEARCH_INDUSTRY, "industry", PoolClaimVariables.SEARCH_REGION, "region",
            PoolClaimVariables.SEARCH_GRADE, "grade", CLAIM_REASON, "reason");

    static InvalidInputException withApiFields(InvalidInputException e) {
        return new InvalidInputException(e.errors().stream()
                .map(f -> new FieldError(API_FIELDS.getOrDefault(f.field(), f.field()), f.message())).toList());
    }

    private String optionLabel(Customer c, Instant now) {
        String when = c.getClaimableFrom() != null && now.isBefore(c.getClaimableFrom())
                ? "，" + display(c.getClaimableFrom()) + " 起可领取"
                : ownership.inDrawWindow(c, now) ? "，抽签中（至 " + display(c.getDrawUntil()) + "）" : "";
        // why and since when it is in the pool, e.g. " · 2026-11-27 起在公海（主动释放）"
        String why = c.getPoolReason() == null || c.getInPoolSince() == null ? ""
                : " · " + DisplayTimes.day(c.getInPoolSince(), clock) + " 起在公海（" + c.getPoolReason().label() + "）";
        return c.getCompanyName() + "（" + label(c.getIndustry()) + " · " + (c.getRegion() == null ? "地区未填" : c.getRegion())
                + " · " + c.getGrade() + " 级" + why + when + "）";
    }

    private static String label(String industry) {
        return industry == null ? "行业未填" : Industry.labelOf(industry);
    }

    // ------------------------------------------------------------------------------------------- the claim

    /** What Task_CheckClaim decided: the claim, its status and message; grade and names for the next steps. */
    public record Submitted(Long claimId, ClaimStatus status, String message, Instant drawAt, Grade grade,
                            String companyName, String approverGroup) {
    }

    /**
     * Task_CheckClaim: records the claim and checks it, the customer row and then the claimant's row locked.
     * LOST when another rep took the customer or holds a claim of it that is being granted or approved; REFUSED by
     * a rule; PENDING_DRAW inside the draw window; otherwise ACCEPTED (on to approval or grant).
     */
    public Submitted submit(Object customerIdValue, String claimant, Object reasonValue, String processInstanceId) {
        Long customerId = customerId(customerIdValue);
        String reason = reason(reasonValue);
        Instant now = Instant.now(clock);
        Customer customer = ownership.lock(customerId); // 404 for an unknown id
        Actor rep = directory.actor(claimant);
        if (rep.team() == null) {
            throw new BusinessRuleException("您尚未加入任何销售团队，无法领取公海客户，请联系管理员");
        }
        ownership.lockRep(claimant);
        PoolClaim claim = claims.save(new PoolClaim(customerId, claimant, rep.team(), reason, processInstanceId, now));
        boolean reserved = claims.findByCustomerIdAndStatusInOrderByIdAsc(customerId,
                        List.of(ClaimStatus.ACCEPTED, ClaimStatus.PENDING_APPROVAL)).stream()
                .anyMatch(other -> !other.getId().equals(claim.getId()));
        if (customer.getStatus() != CustomerStatus.POOL && ownership.justTakenByAnother(customer, claimant)
                || customer.getStatus() == CustomerStatus.POOL && reserved) {
            claim.lose(reserved ? "另一位同事已领取该客户，正在等待主管审批或授予；如被驳回，客户仍留在公海。"
                    : "该客户刚被同事领取。", now);
        } else {
            Optional<OwnershipRefusal> refusal = ownership.claimRefusal(customer, rep, ownership.pendingClaim(now), true);
            if (refusal.isPresent()) {
                claim.refuse(refusal.get(), now);
            } else if (ownership.inDrawWindow(customer, now)) {
                claim.awaitDraw(customer.getDrawUntil(), "该客户刚在公海发布，" + display(customer.getDrawUntil())
                        + " 前提交的领取将在那时随机抽签决定，抽中即归您。");
            } else {
                claim.accept("规则检查通过");
            }
        }
        auditLog.recordAs(claimant, "POOL_CLAIM_SUBMITTED", "CUSTOMER", customerId, null,
                "claim=" + claim.getId() + ";status=" + claim.getStatus()
                        + (claim.getRefusalRule() == null ? "" : ";rule=" + claim.getRefusalRule()), reason);
        return new Submitted(claim.getId(), claim.getStatus(), claim.getMessage(), claim.getDrawAt(),
                customer.getGrade(), customer.getCompanyName(), Groups.reviewersOf(rep.team()));
    }

    /**
     * Task_Draw, when the draw window of the claim's customer has ended: the first of that customer's waiting claims
     * to get here draws for all of them (the others find their claim decided). The entrants in id order are
     * shuffled with a fresh seed; the first whose rules still hold wins, the rest lose. Seed, entrants, order and
     * winner go to the audit log, so anyone can replay the draw.
     */
    public ClaimStatus draw(Long claimId, String processInstanceId) {
        PoolClaim own = inProcess(claimId, processInstanceId);
        if (own.getStatus() != ClaimStatus.PENDING_DRAW) {
            return own.getStatus();
        }
        Customer customer = ownership.lock(own.getCustomerId());
        Instant now = Instant.now(clock);
        List<PoolClaim> entrants = claims.findByCustomerIdAndStatusInOrderByIdAsc(own.getCustomerId(),
                List.of(ClaimStatus.PENDING_DRAW));
        long seed = seeds.nextLong();
        List<PoolClaim> order = new ArrayList<>(entrants);
        Collections.shuffle(order, new Random(seed));
        PoolClaim winner = null;
        for (PoolClaim entrant : order) {
            if (winner != null || customer.getStatus() != CustomerStatus.POOL) {
                entrant.lose(customer.getStatus() != CustomerStatus.POOL ? "抽签前该客户已不在公海。"
                        : "共 " + entrants.size() + " 人参与抽签，您未中签。", now);
                continue;
            }
            ownership.lockRep(entrant.getClaimant());
            Optional<OwnershipRefusal> refusal = ownership.claimRefusal(customer,
                    directory.actor(entrant.getClaimant()), ownership.pendingClaim(entrant.getCreatedAt()), true);
            if (refusal.isPresent()) {
                entrant.refuse(refusal.get(), now);
            } else {
                winner = entrant;
                entrant.accept("共 " + entrants.size() + " 人参与抽签，您中签了。");
            }
        }
        auditLog.recordAs(AuditLog.SYSTEM, "POOL_DRAW", "CUSTOMER", own.getCustomerId(), null,
                "seed=" + seed + ";entrants=" + entrants.stream().map(c -> c.getId() + ":" + c.getClaimant()).toList()
                        + ";order=" + order.stream().map(PoolClaim::getId).toList()
                        + ";winner=" + (winner == null ? "-" : winner.getId() + ":" + winner.getClaimant()),
                "抽签：java.util.Random(seed) 打乱按编号排列的参与者，依次检查规则，第一个通过者中签");
        return own.getStatus();
    }

    /** Task_ApproveClaim created: the claim waits for the claimant's manager. */
    public void awaitApproval(Long claimId, String processInstanceId) {
        PoolClaim claim = inProcess(claimId, processInstanceId, ClaimStatus.ACCEPTED);
        claim.awaitApproval("按规则该客户的领取需主管审批，已提交给您所在团队的主管。");
    }

    /** For the approving manager: who claims, why, and the claimant's current load. */
    @Transactional(readOnly = true)
    public String approvalSummary(Long claimId) {
        PoolClaim claim = claims.findById(claimId).orElseThrow(() -> new NotFoundException("领取", claimId));
        return "领取人：" + claim.getClaimant() + (claim.getReason() == null ? "" : "；理由：" + claim.getReason());
    }

    /**
     * Task_RecordClaimDecision: the manager's decision. {@code decider} is who completed the approval task, as the
     * engine knows it: a manager of the claimant's team (or an admin), never the claimant. Returns true if approved.
     */
    public boolean decide(Long claimId, String processInstanceId, Object decisionValue, Object reasonValue,
                          String decider) {
        String decision = decisionValue == null ? "" : decisionValue.toString().strip().toUpperCase(Locale.ROOT);
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw InvalidInputException.of(CLAIM_DECISION, "请选择：批准 或 驳回");
        }
        String reason = TextRules.stripped(reasonValue);
        List<FieldError> errors = new ArrayList<>();
        if (decision.equals("REJECT") && reason == null) {
            errors.add(new FieldError(CLAIM_DECISION_REASON, "驳回时请填写原因"));
        } else if (reason != null) {
            TextRules.check(CLAIM_DECISION_REASON, "原因", reason, 1000, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        PoolClaim claim = inProcess(claimId, processInstanceId, ClaimStatus.PENDING_APPROVAL);
        Actor actor = decider == null ? null : directory.actor(decider);
        if (actor == null || decider.equals(claim.getClaimant())
                || !(actor.isAdmin() || actor.manages(claim.getClaimantTeam()))) {
            throw new BusinessRuleException("只有领取人所在团队的主管才能审批该领取");
        }
        Instant now = Instant.now(clock);
        if (decision.equals("APPROVE")) {
            claim.approve(decider, reason);
        } else {
            claim.reject(decider, reason, now);
            notifyDecided(claim, "驳回", "原因：" + reason);
        }
        auditLog.recordAs(decider, "POOL_CLAIM_DECIDED", "CUSTOMER", claim.getCustomerId(), "status=PENDING_APPROVAL",
                "claim=" + claimId + ";decision=" + decision, reason);
        return decision.equals("APPROVE");
    }

    /**
     * Task_GrantClaim: the claimant becomes the owner through the ownership core, which checks the rules again as
     * they stand now. Returns the refusal when they no longer allow it (the claim is then REFUSED).
     */
    public Optional<OwnershipRefusal> grant(Long claimId, String processInstanceId) {
        PoolClaim claim = inProcess(claimId, processInstanceId, ClaimStatus.ACCEPTED, ClaimStatus.PENDING_APPROVAL);
        if (claim.getStatus() == ClaimStatus.PENDING_APPROVAL && claim.getDecidedBy() == null) {
            throw new BusinessRuleException("领取 " + claimId + " 尚未经主管批准");
        }
        Instant now = Instant.now(clock);
        try {
            ownership.claim(claim.getCustomerId(), claim.getClaimant(), ownership.pendingClaim(claim.getCreatedAt()),
                    claim.getReason(), claim.getDecidedBy() == null ? claim.getClaimant() : claim.getDecidedBy());
        } catch (OwnershipRefusedException refused) {
            claim.refuse(refused.refusal(), now);
            if (claim.getDecidedBy() != null) {
                notifyDecided(claim, "批准，但未能领取", "领取时规则已不允许：" + claim.getMessage());
            }
            return Optional.of(refused.refusal());
        }
        claim.grant("领取成功：保护期已开始，请在“客户跟进”任务中按期跟进。", now);
        if (claim.getDecidedBy() != null) {
            notifyDecided(claim, "批准", "客户已归您，保护期已开始，请按期跟进。"
                    + (claim.getDecisionReason() == null ? "" : "审批意见：" + claim.getDecisionReason()));
        }
        return Optional.empty();
    }

    /**
     * 领取审批结果 to the claimant, in the decision's transaction. An approval is told once the grant has run (it may
     * still be refused by the rules as they stand then), a rejection at once.
     */
    private void notifyDecided(PoolClaim claim, String decision, String detail) {
        // the customer row: already locked by the grant; a rejection locks it for the rest of a short transaction
        String companyName = ownership.lock(claim.getCustomerId()).getCompanyName();
        notifications.notify(NotificationEvent.of(NotificationKind.CLAIM_DECIDED,
                "pool-claim:" + claim.getId() + ":decided", claim.getClaimant(), "POOL_CLAIM", claim.getId(), null,
                Map.of("customer", companyName, "decision", decision, "by", claim.getDecidedBy(), "reason", detail)));
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** A claim as the API shows it to its claimant. */
    public record ClaimView(Long claimId, Long customerId, ClaimStatus status, String statusLabel,
                            io.baobei.customer.ClaimRule rule, String message, Instant retryAfter, Instant drawAt,
                            Instant createdAt, Instant decidedAt) {
    }

    @Transactional(readOnly = true)
    public ClaimView view(String processInstanceId) {
        return claims.findFirstByProcessInstanceIdOrderByIdDesc(processInstanceId).map(PoolClaimService::view)
                .orElseThrow(() -> new IllegalStateException("claim process " + processInstanceId + " has no claim"));
    }

    @Transactional(readOnly = true)
    public Page<ClaimView> claimsOf(String claimant, Pageable pageable) {
        return claims.findByClaimant(claimant, pageable).map(PoolClaimService::view);
    }

    private static ClaimView view(PoolClaim c) {
        return new ClaimView(c.getId(), c.getCustomerId(), c.getStatus(), c.getStatus().label(), c.getRefusalRule(),
                c.getMessage(), c.getRetryAfter(), c.getDrawAt(), c.getCreatedAt(), c.getDecidedAt());
    }

    // --------------------------------------------------------------------------------------------- inside

    private PoolClaim inProcess(Long claimId, String processInstanceId, ClaimStatus... allowed) {
        PoolClaim claim = claims.findById(claimId).orElseThrow(() -> new NotFoundException("领取", claimId));
        if (processInstanceId == null || !processInstanceId.equals(claim.getProcessInstanceId())) {
            throw new BusinessRuleException("领取 " + claimId + " 不属于该流程");
        }
        if (allowed.length > 0 && !List.of(allowed).contains(claim.getStatus())) {
            throw new BusinessRuleException("领取 " + claimId + " 当前状态为“" + claim.getStatus().label() + "”，不能执行此步骤");
        }
        return claim;
    }

    private static Long customerId(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw InvalidInputException.of(CUSTOMER_ID, "请选择要领取的客户");
        }
        try {
            return Long.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(CUSTOMER_ID, "请从搜索结果中选择要领取的客户");
        }
    }

    static String reason(Object value) {
        String reason = TextRules.stripped(value);
        if (reason == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!TextRules.check(CLAIM_REASON, "领取理由", reason, MAX_REASON, errors)) {
            throw new InvalidInputException(errors);
        }
        return reason;
    }

    private String display(Instant instant) {
        return DisplayTimes.minute(instant, clock);
    }
}
