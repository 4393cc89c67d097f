package io.baobei.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.Choices;
import io.baobei.common.DisplayTimes;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.DuplicateCheckResult;
import io.baobei.dedup.MatchReason;
import io.baobei.dedup.MatchStatus;
import io.baobei.dedup.Verdict;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;

/** The rules of a registration's life: submission, quota, duplicate check, review, withdrawal. */
@Service
@Transactional
public class RegistrationService {

    private final RegistrationRepository registrations;
    private final RegistrationMatchRepository matches;
    private final CustomerRepository customers;
    private final RegistrationValidator validator;
    private final DuplicateCheck duplicateCheck;
    private final UserDirectory directory;
    private final OwnershipService ownership;
    private final AuditLog auditLog;
    private final Clock clock;
    private final RuntimeService runtimeService;
    private final RegistrationNotices notices;

    public RegistrationService(RegistrationRepository registrations, RegistrationMatchRepository matches,
                               CustomerRepository customers, RegistrationValidator validator,
                               DuplicateCheck duplicateCheck, UserDirectory directory,
                               OwnershipService ownership, AuditLog auditLog, Clock clock,
                               @org.springframework.context.annotation.Lazy RuntimeService runtimeService,
                               RegistrationNotices notices) {
        this.registrations = registrations;
        this.matches = matches;
        this.customers = customers;
        this.validator = validator;
        this.duplicateCheck = duplicateCheck;
        this.directory = directory;
        this.ownership = ownership;
        this.auditLog = auditLog;
        this.clock = clock;
        this.runtimeService = runtimeService;
        this.notices = notices;
    }

    /** What the process keeps of a saved submission. */
    public record Submission(Long registrationId, String submitter, String companyName, String reviewerGroup) {
    }

    /**
     * Validates a submission and saves it: a new registration, or the revision of {@code existingId}.
     * Throws {@link InvalidInputException} with every refused field; then nothing is saved.
     */
    public Submission recordSubmission(Long existingId, String submitter, String processInstanceId,
                                       RegistrationForm form) {
        Instant now = Instant.now(clock);
        Registration registration;
        if (existingId == null) {
            ValidRegistration valid = validator.validateNew(form);
            String team = directory.actor(submitter).team();
            if (team == null) {
                throw new BusinessRuleException("您尚未加入任何销售团队，无法报备，请联系管理员");
            }
            registration = new Registration(submitter, team, processInstanceId, now);
            registration.apply(valid, now);
        } else {
            registration = inProcess(existingId, processInstanceId, RegistrationStatus.REVISION);
            ValidRegistration valid = validator.validateRevision(form);
            registration.apply(valid, now);
            matches.deleteByRegistrationId(existingId);
        }
        refuseOwnCustomer(submitter, registration);
        registration = registrations.save(registration);
        auditLog.recordAs(submitter, existingId == null ? "REGISTRATION_SUBMITTED" : "REGISTRATION_REVISED",
                "REGISTRATION", registration.getId(), null,
                "status=CHECKING;company=" + registration.getCompanyName() + ";grade=" + registration.getGrade(), null);
        return new Submission(registration.getId(), registration.getSubmitter(), registration.getCompanyName(),
                Groups.reviewersOf(registration.getTeamId()));
    }

    /**
     * A registration of a customer the submitter already holds (protected or won): the same credit code, phone or
     * email, or a company name that is the same after normalisation (" 深圳市 騰達科技（有限公司）" = 深圳市腾达科技有限公司).
     * Refused at once, for the new registration and for a revision alike, instead of sending the manager a review of
     * the rep's own customer. A merely similar name is no proof: it goes to the manager, who sees it is the
     * submitter's own customer.
     */
    private void refuseOwnCustomer(String submitter, Registration registration) {
        customers.findByStrongKeys(registration.getNormalizedName(), registration.getCreditCode(),
                        registration.getPhone(), registration.getEmail()).stream()
                .filter(customer -> submitter.equals(customer.getOwner()))
                .min(java.util.Comparator.comparing(Customer::getId))
                .ifPresent(customer -> {
                    throw new OwnCustomerException("该客户已在您名下：" + customer.getCompanyName() + "（"
                            + (customer.getProtectedUntil() == null ? "已成交"
                            : "保护期至 " + DisplayTimes.day(customer.getProtectedUntil(), clock)) + "），无需再次报备",
                            customer.getId());
                });
    }

    /**
     * Task_CheckQuota, at submission: the quota (pending registrations and claims count), and for a company that is
     * in the pool the claim rules, since registering it is claiming it. Checked again at the grant.
     */
    // not readOnly: the rules (OwnershipRules.dmn) write decision history
    @Transactional
    public void checkQuota(Long registrationId, String processInstanceId) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.CHECKING);
        ownership.checkRegistration(registration.getSubmitter(), registration.getNormalizedName(),
                registration.getCreditCode(), registration.getPhone(), registration.getEmail());
    }

    /**
     * Task_GrantProtection: the approved registration's customer becomes the submitter's through the ownership core,
     * unless a colleague got it meanwhile (CONFLICT) or a rule refuses it now (REFUSED, the reason kept).
     */
    public OwnershipService.Grant grant(Long registrationId, String processInstanceId) {
        // only the registration of this process instance, and only once its review approved it
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.IN_REVIEW);
        if (registration.getDecision() != ReviewDecision.APPROVE) {
            throw new BusinessRuleException("报备 " + registrationId + " 未经审核批准，不能授予保护期");
        }
        OwnershipService.Grant grant = ownership.grant(new OwnershipService.RegistrationGrant(registrationId,
                registration.getCompanyName(), registration.getNormalizedName(), registration.getCreditCode(),
                registration.getContactName(), registration.getPhone(), registration.getEmail(),
                registration.getIndustry().name(), registration.getRegion(), registration.getGrade(),
                registration.getSubmitter(), registration.getDecidedBy()));
        Instant now = Instant.now(clock);
        switch (grant.outcome()) {
            case CONFLICT -> {
                registration.markConflict(now);
                auditLog.recordAs(AuditLog.SYSTEM, "REGISTRATION_CONFLICT", "REGISTRATION", registrationId,
                        "status=IN_REVIEW", "status=CONFLICT", "审核通过后发现同事已持有该客户");
            }
            case REFUSED -> {
                registration.markRefused(grant.refusal().message(), now);
                auditLog.recordAs(AuditLog.SYSTEM, "REGISTRATION_REFUSED", "REGISTRATION", registrationId,
                        "status=IN_REVIEW", "status=REFUSED;rule=" + grant.refusal().rule(), grant.refusal().message());
            }
            case GRANTED -> {
                registration.markApproved(grant.customerId(), now);
                auditLog.recordAs(AuditLog.SYSTEM, "REGISTRATION_APPROVED", "REGISTRATION", registrationId,
                        "status=IN_REVIEW", "status=APPROVED;customer=" + grant.customerId(), null);
                notices.approved(registration);
            }
        }
        return grant;
    }

    /** Runs the duplicate check, keeps the matches for the reviewer and returns the verdict. */
    public Verdict checkDuplicates(Long registrationId, String processInstanceId) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.CHECKING);
        DuplicateCheckResult result = duplicateCheck.check(new DuplicateCandidate(registration.getCompanyName(),
                registration.getCreditCode(), registration.getPhone(), registration.getEmail(),
                registration.getSubmitter()));
        matches.deleteByRegistrationId(registrationId);
        result.matches().forEach(match -> matches.save(new RegistrationMatch(registrationId, match)));
        registration.recordVerdict(result.verdict(), Instant.now(clock));
        auditLog.recordAs(AuditLog.SYSTEM, "DUPLICATE_CHECKED", "REGISTRATION", registrationId, "status=CHECKING",
                "status=" + registration.getStatus() + ";verdict=" + result.verdict() + ";matches="
                        + result.matches().stream().map(m -> m.customerId() + ":" + m.status()).toList(), null);
        return result.verdict();
    }

    /**
     * For the reviewing manager: every match with its details (managers may see them), worded for the manager: the
     * customer's current holder by name ("已由 张伟（rep2） 保护", "已由提交人本人保护"), never "已在你名下".
     */
    @Transactional(readOnly = true)
    public String reviewSummary(Long registrationId) {
        List<RegistrationMatch> found = matches.findByRegistrationIdOrderByScoreDesc(registrationId);
        if (found.isEmpty()) {
            return "未发现重复客户。";
        }
        String submitter = load(registrationId).getSubmitter();
        Map<Long, Customer> byId = customers.findAllById(found.stream().map(RegistrationMatch::getCustomerId).toList())
                .stream().collect(Collectors.toMap(Customer::getId, Function.identity()));
        return found.stream().map(match -> {
            Customer customer = byId.get(match.getCustomerId());
            // the customer as it is now, which may have changed since the check
            MatchStatus status = MatchStatus.of(customer.getStatus(), customer.getOwner(), submitter);
            String holder = status.labelForReviewer(directory.nameAndLogin(customer.getOwner()));
            String team = customer.getOwner() == null ? "" : "（" + directory.teamName(customer.getOwnerTeam()) + "）";
            String reasons = match.getReasons().stream().sorted().map(MatchReason::label)
                    .collect(Collectors.joining("、"));
            return String.format(Locale.ROOT, "• %s [客户编号 %d] %s%s；匹配依据：%s；相似度 %.2f",
                    customer.getCompanyName(), customer.getId(), holder, team, reasons, match.getScore());
        }).collect(Collectors.joining("\n"));
    }

    /**
     * For the reviewing manager's task: contact person and phone, both masked ("邓** / 136****3333"). The task
     * variable lives in the engine's tables while the task is open, so it holds nothing that is contact data in
     * clear; the full record is in {@code GET /api/registrations/{id}}, for those who may see it.
     */
    @Transactional(readOnly = true)
    public String contactSummary(Long registrationId, String processInstanceId) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.IN_REVIEW);
        return maskName(registration.getContactName()) + " / " + maskPhone(registration.getPhone());
    }

    /** The reviewer's view when the review task is created: only for a registration waiting for review. */
    @Transactional(readOnly = true)
    public String reviewSummary(Long registrationId, String processInstanceId) {
        inProcess(registrationId, processInstanceId, RegistrationStatus.IN_REVIEW);
        return reviewSummary(registrationId);
    }

    /** For the submitter of a CONFLICT: which colleague holds it (by name), their team and since when; nothing else. */
    @Transactional(readOnly = true)
    public String conflictNotice(Long registrationId, String processInstanceId) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.CONFLICT);
        List<Long> ids = matches.findByRegistrationIdOrderByScoreDesc(registrationId).stream()
                .map(RegistrationMatch::getCustomerId).toList();
        List<Customer> held = customers.findAllById(ids).stream()
                .filter(c -> c.isOwnedByOtherThan(registration.getSubmitter())).toList();
        if (held.isEmpty()) {
            // the race case: another approval created the customer after our duplicate check
            held = customers.findByStrongKeys(registration.getNormalizedName(), registration.getCreditCode(),
                    registration.getPhone(), registration.getEmail()).stream()
                    .filter(c -> c.isOwnedByOtherThan(registration.getSubmitter())).toList();
        }
        if (held.isEmpty()) {
            return "该客户已被同事报备。您可以撤回本次报备；如有异议，请联系您的主管。";
        }
        Customer customer = held.get(0);
        String since = customer.getProtectedSince() == null ? ""
                : "，自 " + LocalDate.ofInstant(customer.getProtectedSince(), zone()) + " 起处于保护期";
        // the colleague by name, so the two reps (or their manager) can talk it over
        return "该客户已由同事 " + directory.name(customer.getOwner()) + "（"
                + directory.teamName(customer.getOwnerTeam()) + "）报备" + since
                + "。为避免撞单，请撤回本次报备；如有异议，请联系您的主管。";
    }

    /** Why a registration did not pass, for its submitter: who decided, when, and the reason. */
    public record Rejection(String decidedBy, Instant decidedAt, boolean refusedByRules, String reason) {
    }

    /**
     * For the submitter's 报备未通过 task: a registration the manager rejected, or one the manager approved and the
     * ownership rules then refused. Nothing beyond the decision and its reason.
     */
    public static Rejection rejection(Registration registration) {
        boolean byRules = registration.getStatus() == RegistrationStatus.REFUSED;
        return new Rejection(registration.getDecidedBy(), byRules ? registration.getUpdatedAt() : registration.getDecidedAt(),
                byRules, byRules ? registration.getRefusalReason() : registration.getDecisionReason());
    }

    /** A review as checked by {@link #checkReview}: the decision, and the reason or null. */
    public record Review(ReviewDecision decision, String reason) {
    }

    /**
     * Checks a manager's decision and reason, as Tasklist's review form and the REST API send them: a
     * rejection or send-back needs a reason of at most 1000 characters, without control characters.
     */
    public static Review checkReview(Object decisionValue, Object reasonValue) {
        ReviewDecision decision = parseDecision(decisionValue);
        String reason = TextRules.stripped(reasonValue);
        if (decision.needsReason() && reason == null) {
            throw InvalidInputException.of(RegistrationVariables.REVIEW_REASON, "驳回或退回修改时请填写原因");
        }
        List<FieldError> errors = new ArrayList<>();
        if (reason != null && !TextRules.check(RegistrationVariables.REVIEW_REASON, "原因", reason, 1000, errors)) {
            throw new InvalidInputException(errors);
        }
        return new Review(decision, reason);
    }

    /**
     * Records a manager's review; a rejection or send-back needs a reason. {@code reviewer} is who completed the
     * review task, as the engine knows it: a manager of the submitter's team (or an admin), or a director once the
     * review was escalated; never the submitter. With the review form's 驳回类别: {@code asDuplicateValue} true when a
     * rejection is because the company is an existing customer. Only a SUSPECT verdict has such a match to point at;
     * the submitter may then appeal it ("this is a different company"), see io.baobei.appeal.
     */
    public ReviewDecision recordReview(Long registrationId, String processInstanceId, Object decisionValue,
                                       Object reasonValue, Object asDuplicateValue, String reviewer) {
        Review review = checkReview(decisionValue, reasonValue);
        ReviewDecision decision = review.decision();
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.IN_REVIEW);
        Actor decider = reviewer == null ? null : directory.actor(reviewer);
        if (decider == null || reviewer.equals(registration.getSubmitter())
                || !(decider.isAdmin() || decider.manages(registration.getTeamId()) || escalatedTo(reviewer, registration))) {
            throw new BusinessRuleException(registration.getReviewEscalatedAt() == null
                    ? "只有报备销售所在团队的主管才能审核该报备"
                    : "只有报备销售所在团队的主管或销售总监（审核已超时升级）才能审核该报备");
        }
        boolean asDuplicate = decision == ReviewDecision.REJECT && isTrue(asDuplicateValue);
        if (asDuplicate && registration.getVerdict() != Verdict.SUSPECT) {
            throw InvalidInputException.of(RegistrationVariables.REJECTED_AS_DUPLICATE,
                    "查重没有发现疑似重复的客户，不能以“与已有客户重复”为由驳回");
        }
        registration.recordDecision(decision, review.reason(), asDuplicate, reviewer, Instant.now(clock));
        auditLog.recordAs(reviewer, "REGISTRATION_REVIEWED", "REGISTRATION", registrationId, "status=IN_REVIEW",
                "status=" + registration.getStatus() + ";decision=" + decision + (asDuplicate ? ";asDuplicate=true" : ""),
                registration.getDecisionReason());
        return decision;
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    /** A director (销售总监) may decide a review once it was escalated to the directors (RegistrationDeadlines). */
    boolean escalatedTo(String reviewer, Registration registration) {
        return registration.getReviewEscalatedAt() != null && directory.isMember(reviewer, Groups.SALES_DIRECTORS);
    }

    public static ReviewDecision parseDecision(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw InvalidInputException.of(RegistrationVariables.REVIEW_DECISION, "请选择审核结果：批准、驳回或退回修改");
        }
        ReviewDecision decision = Choices.parse(ReviewDecision.class, value.toString());
        if (decision == null) {
            throw new InvalidInputException(List.of(new FieldError(RegistrationVariables.REVIEW_DECISION,
                    "审核结果应为 APPROVE（批准）、REJECT（驳回）或 REVISE（退回修改）")));
        }
        return decision;
    }

    /** Task_WithdrawRegistration, reached only from the conflict task. */
    public void withdraw(Long registrationId, String processInstanceId) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.CONFLICT);
        RegistrationStatus before = registration.getStatus();
        registration.markWithdrawn(Instant.now(clock));
        auditLog.recordAs(registration.getSubmitter(), "REGISTRATION_WITHDRAWN", "REGISTRATION", registrationId,
                "status=" + before, "status=WITHDRAWN", null);
    }

    /**
     * Ends the registration of {@code processInstanceId} from outside, at whatever step it waits (查重中, 待审核,
     * 退回修改, 撞单): message RegistrationWithdrawn starts the model's SubProcess_RegistrationWithdrawn, which records it
     * as withdrawn with {@code reason} (shown in 我的报备). Used when the submitter leaves (离职交接). False when the
     * process has already ended.
     */
    public boolean withdrawFromOutside(String processInstanceId, String reason) {
        return !runtimeService.createMessageCorrelation(RegistrationVariables.MESSAGE_WITHDRAWN)
                .processInstanceId(processInstanceId)
                .setVariable(RegistrationVariables.WITHDRAWAL_REASON, reason)
                .correlateAllWithResult().isEmpty();
    }

    /** Task_RecordWithdrawal: the registration, still undecided, becomes WITHDRAWN with the reason. */
    public void recordWithdrawal(Long registrationId, String processInstanceId, String reason) {
        Registration registration = inProcess(registrationId, processInstanceId, RegistrationStatus.CHECKING,
                RegistrationStatus.IN_REVIEW, RegistrationStatus.REVISION, RegistrationStatus.CONFLICT);
        RegistrationStatus before = registration.getStatus();
        registration.markWithdrawn(reason, Instant.now(clock));
        auditLog.record("REGISTRATION_WITHDRAWN", "REGISTRATION", registrationId, "status=" + before,
                "status=WITHDRAWN", reason);
    }

    // ---- reads for the API, scoped to the caller ----

    @Transactional(readOnly = true)
    public Registration find(Long id, Actor actor) {
        Registration registration = registrations.findById(id)
                .orElseThrow(() -> new NotFoundException("报备", id));
        if (!isVisible(registration, actor) && !escalatedTo(actor.username(), registration)) {
            throw new NotFoundException("报备", id);
        }
        return registration;
    }

    @Transactional(readOnly = true)
    public Page<Registration> list(Actor actor, Pageable pageable) {
        return switch (actor.role()) {
            case ADMIN -> registrations.findAll(pageable);
            case MANAGER -> registrations.findVisibleToManager(actor.username(),
                    actor.managedTeams().isEmpty() ? List.of("") : actor.managedTeams(), pageable);
            case REP -> registrations.findBySubmitter(actor.username(), pageable);
        };
    }

    static boolean isVisible(Registration registration, Actor actor) {
        return actor.isAdmin() || registration.getSubmitter().equals(actor.username())
                || actor.manages(registration.getTeamId());
    }

    /**
     * The registration a step of process instance {@code processInstanceId} works on, refused unless it belongs to
     * that instance and is in a state that allows the step. Every delegate and listener goes through here, so a
     * process started or moved around its model cannot act on another registration or skip a state.
     */
    public Registration inProcess(Long id, String processInstanceId, RegistrationStatus... allowed) {
        Registration registration = load(id);
        if (processInstanceId == null || !processInstanceId.equals(registration.getProcessInstanceId())) {
            throw new BusinessRuleException("报备 " + id + " 不属于该流程");
        }
        if (!java.util.Arrays.asList(allowed).contains(registration.getStatus())) {
            throw new BusinessRuleException("报备 " + id + " 当前状态为“" + registration.getStatus().label()
                    + "”，不能执行此步骤");
        }
        return registration;
    }

    Registration load(Long id) {
        return registrations.findById(id).orElseThrow(() -> new NotFoundException("报备", id));
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    /** "邓女士" → "邓**": enough for a reviewer to recognise a contact, not to know them. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "***";
        }
        int first = name.strip().codePointAt(0);
        return new String(Character.toChars(first)) + "**";
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return "***";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
