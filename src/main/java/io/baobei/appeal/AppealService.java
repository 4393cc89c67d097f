package io.baobei.appeal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
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
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.dedup.DistinctPairs;
import io.baobei.dedup.Verdict;
import io.baobei.engine.TaskCandidates;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.registration.RegistrationAppeals;
import io.baobei.registration.RegistrationDeadlines;

/**
 * The rules of an appeal (申诉): filing it, who decides, the decision and its three outcomes, the escalation to the
 * directors. Called by the steps of SubProcess_Appeal only, so Tasklist and the REST API (which completes the same tasks)
 * go through the same path. Every step finds its appeal by the process instance (business key = registration id),
 * never by a variable.
 */
@Service
@Transactional
public class AppealService {

    static final String DECIDE_TASK = "Task_DecideAppeal";
    private static final int MAX_REASON = 1000;
    private static final int MAX_EVIDENCE = 2000;
    private static final int HISTORY_LINES = 20;

    private final AppealRepository appeals;
    private final RegistrationAppeals registrations;
    private final RegistrationDeadlines deadlines;
    private final CustomerRepository customers;
    private final OwnershipService ownership;
    private final DistinctPairs distinctPairs;
    private final AppealDeciders deciders;
    private final AppealNotices notices;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TaskService taskService;

    public AppealService(AppealRepository appeals, RegistrationAppeals registrations, RegistrationDeadlines deadlines,
                         CustomerRepository customers, OwnershipService ownership, DistinctPairs distinctPairs,
                         AppealDeciders deciders, AppealNotices notices, UserDirectory directory, AuditLog auditLog,
                         Clock clock, @Lazy TaskService taskService) {
        this.appeals = appeals;
        this.registrations = registrations;
        this.deadlines = deadlines;
        this.customers = customers;
        this.ownership = ownership;
        this.distinctPairs = distinctPairs;
        this.deciders = deciders;
        this.notices = notices;
        this.directory = directory;
        this.auditLog = auditLog;
        this.clock = clock;
        this.taskService = taskService;
    }

    /** What the appellant wrote, checked. */
    public record Input(String reason, String evidence, LocalDate firstContactDate) {
    }

    /** What the process keeps of a filed appeal: its decider group and the escalation time (ISO 8601). */
    public record Filed(Long appealId, String deciderGroup, String escalation) {
    }

    /**
     * Checks the appellant's fields as the forms and the API send them: a reason (at most 1000 characters), evidence
     * (text and links, at most 2000), and optionally the first-contact date (a day, not in the future). Field names are
     * the form's; the API renames them.
     */
    public static Input checkInput(Object reasonValue, Object evidenceValue, Object firstContactValue, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        String reason = TextRules.stripped(reasonValue);
        if (reason == null) {
            errors.add(new FieldError(AppealVariables.APPEAL_REASON, "请填写申诉理由"));
        } else {
            TextRules.check(AppealVariables.APPEAL_REASON, "申诉理由", reason, MAX_REASON, errors);
        }
        String evidence = TextRules.stripped(evidenceValue);
        if (evidence != null) {
            TextRules.check(AppealVariables.APPEAL_EVIDENCE, "证据", evidence, MAX_EVIDENCE, errors);
        }
        LocalDate firstContact = null;
        String day = firstContactValue instanceof java.util.Date date
                ? date.toInstant().atZone(clock.getZone()).toLocalDate().toString()
                : TextRules.stripped(firstContactValue);
        if (day != null) {
            try {
                firstContact = TextRules.parseDay(day);
                if (firstContact.isAfter(LocalDate.now(clock))) {
                    errors.add(new FieldError(AppealVariables.APPEAL_FIRST_CONTACT_DATE, "首次接触日期不能晚于今天"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(AppealVariables.APPEAL_FIRST_CONTACT_DATE, "首次接触日期格式应为 YYYY-MM-DD"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Input(reason, evidence, firstContact);
    }

    /**
     * Task_FileAppeal: the submitter appeals a conflict or a rejection as a duplicate. Refused (on the form, 409 in the
     * API) when the registration is not appealable. The decider group is fixed now: the appellant's team managers, or
     * the directors when the customer's owner is in another team.
     */
    public Filed file(Long registrationId, String processInstanceId, Object reason, Object evidence,
                      Object firstContactDate) {
        Input input = checkInput(reason, evidence, firstContactDate, clock);
        RegistrationAppeals.Target target = registrations.target(registrationId, processInstanceId);
        Customer customer = customer(target.customerId());
        String group = deciders.groupFor(target.teamId(), customer.getOwnerTeam());
        Instant now = Instant.now(clock);
        Appeal appeal = appeals.save(new Appeal(target, target.teamId(), input.reason(), input.evidence(),
                input.firstContactDate(), group, customer.getOwner(), now));
        registrations.markAppealing(registrationId, processInstanceId, appeal.getId(), target.submitter());
        auditLog.recordAs(target.submitter(), "APPEAL_FILED", AppealNotices.OBJECT_TYPE, appeal.getId(), null,
                "status=OPEN;registration=" + registrationId + ";customer=" + customer.getId() + ";source="
                        + target.source() + ";deciders=" + group, input.reason());
        return new Filed(appeal.getId(), group, deadlines.appealEscalation(registrationId));
    }

    /** The appeal of this process instance (the latest one: a registration reviewed again may be appealed again). */
    @Transactional(readOnly = true)
    public Appeal current(Long registrationId, String processInstanceId) {
        return appeals.findFirstByRegistrationIdAndProcessInstanceIdOrderByIdDesc(registrationId, processInstanceId)
                .orElseThrow(() -> new BusinessRuleException("报备 " + registrationId + " 没有申诉"));
    }

    private Appeal open(Long registrationId, String processInstanceId) {
        Appeal appeal = current(registrationId, processInstanceId);
        if (appeal.getStatus() != AppealStatus.OPEN) {
            throw new BusinessRuleException("该申诉已裁决，不能再次裁决");
        }
        return appeal;
    }

    private Appeal decided(Long registrationId, String processInstanceId, AppealOutcome outcome) {
        Appeal appeal = current(registrationId, processInstanceId);
        if (appeal.getStatus() != AppealStatus.DECIDED || appeal.getOutcome() != outcome) {
            throw new BusinessRuleException("申诉 " + appeal.getId() + " 未裁决为“" + outcome.label() + "”，不能执行此步骤");
        }
        return appeal;
    }

    /** The decider's view of both sides, for the decision task. */
    public record CaseView(String appealCase, String registrationSide, String customerSide, String ownershipHistory) {
    }

    /**
     * Task_DecideAppeal created: both sides as the decider sees them (registration, existing customer, its owner by
     * name, ownership history and follow-up dates; no contact data of either side), and the deciders are told.
     */
    public CaseView openForDecision(Long registrationId, String processInstanceId, String taskId) {
        Appeal appeal = open(registrationId, processInstanceId);
        RegistrationAppeals.View registration = registrations.view(registrationId);
        Customer customer = customer(appeal.getCustomerId());
        notices.filed(appeal, registration.companyName(), customer.getOwner(), taskId);
        return new CaseView(appealCase(appeal), registrationSide(registration, appeal), customerSide(customer),
                history(customer.getId()));
    }

    private String appealCase(Appeal appeal) {
        StringBuilder text = new StringBuilder();
        text.append("申诉人：").append(directory.nameAndLogin(appeal.getAppellant()))
                .append("（").append(directory.teamName(appeal.getAppellantTeam())).append("）\n");
        text.append("申诉来源：").append(appeal.getSource() == RegistrationAppeals.Source.CONFLICT
                ? "撞单（查重认定客户已由同事持有）" : "报备因与已有客户重复被驳回").append("\n");
        text.append("提出时间：").append(DisplayTimes.minute(appeal.getCreatedAt(), clock)).append("\n");
        text.append("申诉理由：").append(appeal.getReason()).append("\n");
        text.append("证据：").append(appeal.getEvidence() == null ? "（未提供）" : appeal.getEvidence());
        if (appeal.getFirstContactDate() != null) {
            text.append("\n申诉人所称首次接触日期：").append(appeal.getFirstContactDate());
        }
        return text.toString();
    }

    private String registrationSide(RegistrationAppeals.View r, Appeal appeal) {
        StringBuilder text = new StringBuilder();
        text.append("报备编号：").append(r.registrationId()).append("；公司名称：").append(r.companyName()).append("\n");
        text.append("统一社会信用代码：").append(r.creditCode() == null ? "（未填写）" : r.creditCode()).append("\n");
        text.append("行业：").append(r.industry()).append("；地区：").append(r.region()).append("；意向等级：")
                .append(r.grade()).append("\n");
        text.append("报备首次接触日期：").append(r.firstContactDate()).append("；提交时间：")
                .append(DisplayTimes.minute(r.submittedAt(), clock)).append("\n");
        text.append("查重结论：").append(r.verdict() == null ? "—" : r.verdict().label());
        if (appeal.getSource() == RegistrationAppeals.Source.DUPLICATE_REJECTION && r.decisionReason() != null) {
            text.append("\n审核驳回原因：").append(r.decisionReason());
        }
        return text.toString();
    }

    private String customerSide(Customer c) {
        StringBuilder text = new StringBuilder();
        text.append("客户编号：").append(c.getId()).append("；公司名称：").append(c.getCompanyName()).append("\n");
        text.append("统一社会信用代码：").append(c.getCreditCode() == null ? "（未登记）" : c.getCreditCode()).append("\n");
        text.append("状态：").append(c.getStatus().label());
        if (c.getOwner() != null) {
            text.append("；归属销售：").append(directory.nameAndLogin(c.getOwner())).append("（")
                    .append(directory.teamName(c.getOwnerTeam())).append("）");
        }
        text.append("\n");
        if (c.getProtectedSince() != null) {
            text.append("保护期：").append(DisplayTimes.day(c.getProtectedSince(), clock)).append(" 至 ")
                    .append(c.getProtectedUntil() == null ? "—" : DisplayTimes.day(c.getProtectedUntil(), clock))
                    .append("\n");
        }
        text.append("下次跟进期限：").append(c.getNextFollowUpDue() == null ? "—"
                : DisplayTimes.day(c.getNextFollowUpDue(), clock)).append("\n");
        text.append("行业：").append(c.getIndustry() == null ? "—" : c.getIndustry()).append("；地区：")
                .append(c.getRegion() == null ? "—" : c.getRegion()).append("；建档时间：")
                .append(DisplayTimes.day(c.getCreatedAt(), clock));
        return text.toString();
    }

    private String history(Long customerId) {
        List<OwnershipEvent> events = ownership.historyOf(customerId);
        if (events.isEmpty()) {
            return "（无归属记录）";
        }
        List<OwnershipEvent> last = events.subList(Math.max(0, events.size() - HISTORY_LINES), events.size());
        Set<String> people = new HashSet<>();
        last.forEach(e -> {
            people.add(e.getFromOwner());
            people.add(e.getToOwner());
        });
        var names = directory.names(people);
        List<String> lines = new ArrayList<>();
        for (int i = last.size() - 1; i >= 0; i--) { // newest first
            OwnershipEvent e = last.get(i);
            lines.add(DisplayTimes.minute(e.getOccurredAt(), clock) + " " + e.getAction().label() + "："
                    + (e.getFromOwner() == null ? "—" : names.get(e.getFromOwner())) + " → "
                    + (e.getToOwner() == null ? "公海" : names.get(e.getToOwner()))
                    + (e.getReason() == null ? "" : "（" + shorten(e.getReason()) + "）"));
        }
        return String.join("\n", lines);
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** A decision as checked by {@link #checkDecision}. */
    public record Decision(AppealOutcome outcome, String reason) {
    }

    /** The decider's outcome and reason (required, at most 1000 characters), named by the form's fields. */
    public static Decision checkDecision(Object outcomeValue, Object reasonValue) {
        List<FieldError> errors = new ArrayList<>();
        AppealOutcome outcome = null;
        String value = TextRules.stripped(outcomeValue);
        if (value == null) {
            errors.add(new FieldError(AppealVariables.OUTCOME, "请选择裁决结果：驳回申诉、客户转给申诉人或不是同一家公司"));
        } else {
            outcome = Choices.parse(AppealOutcome.class, value);
            if (outcome == null) {
                errors.add(new FieldError(AppealVariables.OUTCOME,
                        "裁决结果应为 DISMISS（驳回申诉）、TRANSFER（客户转给申诉人）或 NOT_SAME（不是同一家公司）"));
            }
        }
        String reason = TextRules.stripped(reasonValue);
        if (reason == null) {
            errors.add(new FieldError(AppealVariables.DECISION_REASON, "请填写裁决理由，申诉人会看到"));
        } else {
            TextRules.check(AppealVariables.DECISION_REASON, "裁决理由", reason, MAX_REASON, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Decision(outcome, reason);
    }

    /**
     * Task_RecordAppealDecision (synchronous with the decision task): checks the decision and who made it (a decider,
     * never the appellant nor the customer's owner) and records it. TRANSFER needs a customer held by someone else;
     * NOT_SAME cannot separate what the database holds as one company (the same credit code or the same normalised name).
     */
    public AppealOutcome recordDecision(Long registrationId, String processInstanceId, Object outcomeValue,
                                        Object reasonValue, String decider) {
        Decision decision = checkDecision(outcomeValue, reasonValue);
        Appeal appeal = open(registrationId, processInstanceId);
        Customer customer = ownership.lock(appeal.getCustomerId());
        deciders.check(decider, appeal, customer.getOwner());
        if (decision.outcome() == AppealOutcome.TRANSFER && (customer.getOwner() == null
                || customer.getOwner().equals(appeal.getAppellant()))) {
            throw InvalidInputException.of(AppealVariables.OUTCOME, customer.getOwner() == null
                    ? "该客户已在公海中，无需转移：申诉人可在公海中领取它" : "该客户已归属申诉人");
        }
        if (decision.outcome() == AppealOutcome.NOT_SAME) {
            String creditCode = registrations.creditCode(registrationId);
            if (creditCode != null && creditCode.equals(customer.getCreditCode())
                    || registrations.normalizedName(registrationId).equals(customer.getNormalizedName())) {
                throw InvalidInputException.of(AppealVariables.OUTCOME, "报备与该客户的统一社会信用代码或规范化后的名称相同，"
                        + "系统中只能是同一家公司，不能认定为不同公司");
            }
        }
        appeal.decide(decision.outcome(), decision.reason(), decider, Instant.now(clock));
        auditLog.recordAs(decider, "APPEAL_DECIDED", AppealNotices.OBJECT_TYPE, appeal.getId(), "status=OPEN",
                "status=DECIDED;outcome=" + decision.outcome() + ";registration=" + registrationId + ";customer="
                        + customer.getId(), decision.reason());
        return decision.outcome();
    }

    /**
     * Task_TransferToAppellant: the customer moves to the appellant through the ownership core (source TRANSFER, so the
     * running protection continues with its deadlines for the new owner; the history names the appeal). An upheld
     * appeal gives back what was the appellant's: the quota does not stop it, and the history says so when it was full.
     */
    public void transfer(Long registrationId, String processInstanceId) {
        Appeal appeal = decided(registrationId, processInstanceId, AppealOutcome.TRANSFER);
        Customer before = customer(appeal.getCustomerId());
        String previousOwner = before.getOwner();
        Customer moved = ownership.transfer(appeal.getCustomerId(), appeal.getAppellant(),
                "申诉 #" + appeal.getId() + " 成立（报备 #" + registrationId + "）：" + appeal.getDecisionReason(), true,
                OwnershipSource.TRANSFER, appeal.getDecidedBy());
        registrations.transferred(registrationId, processInstanceId, appeal.getId(), moved.getId(),
                appeal.getDecidedBy());
        notices.decided(appeal, moved.getCompanyName());
        if (previousOwner != null) {
            notices.customerLost(appeal, previousOwner, moved.getCompanyName());
        }
    }

    /** Task_DismissAppeal: the registration is closed with the decider's reason; the appellant is told why. */
    public void dismiss(Long registrationId, String processInstanceId) {
        Appeal appeal = decided(registrationId, processInstanceId, AppealOutcome.DISMISS);
        registrations.dismissed(registrationId, processInstanceId, appeal.getId(), appeal.getDecisionReason(),
                appeal.getDecidedBy());
        notices.decided(appeal, registrations.view(registrationId).companyName());
    }

    /**
     * Task_RememberDistinctPair: the registered company and the customer are different companies. The pair is
     * remembered (the duplicate check never matches them again), and the registration goes back to review as a new
     * customer; returns the verdict of the matches left.
     */
    public Verdict notSame(Long registrationId, String processInstanceId) {
        Appeal appeal = decided(registrationId, processInstanceId, AppealOutcome.NOT_SAME);
        String companyName = registrations.view(registrationId).companyName();
        distinctPairs.remember(companyName, appeal.getCustomerId(), appeal.getId());
        Verdict verdict = registrations.notSame(registrationId, processInstanceId, appeal.getId(),
                appeal.getCustomerId(), appeal.getDecidedBy());
        notices.decided(appeal, companyName);
        return verdict;
    }

    /**
     * Task_EscalateAppeal (BoundaryEvent_AppealOverdue, non-interrupting): the open decision task gets the directors as
     * a further candidate group (the deciders keep it), the appeal is marked escalated so a director may decide it, and
     * the directors are told. A retried job changes nothing twice; a decided appeal is left alone.
     */
    public void escalate(Long registrationId, String processInstanceId) {
        Appeal appeal = current(registrationId, processInstanceId);
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(DECIDE_TASK)
                .singleResult();
        if (task == null || appeal.getStatus() != AppealStatus.OPEN) {
            return; // decided meanwhile
        }
        TaskCandidates.addGroupOnce(taskService, task.getId(), Groups.SALES_DIRECTORS);
        appeal.markEscalated(Instant.now(clock));
        auditLog.recordAs(AuditLog.SYSTEM, "APPEAL_ESCALATED", AppealNotices.OBJECT_TYPE, appeal.getId(), "status=OPEN",
                "status=OPEN;candidates+=" + Groups.SALES_DIRECTORS, "申诉超时未裁决，升级至销售总监");
        notices.escalated(appeal, registrations.view(registrationId).companyName(), customer(appeal.getCustomerId())
                .getOwner(), task.getId());
    }

    // ---- reads for the API, scoped to the caller ----

    @Transactional(readOnly = true)
    public Appeal find(Long id) {
        return appeals.findById(id).orElseThrow(() -> new NotFoundException("申诉", id));
    }

    /** The appeals {@code actor} filed or may decide (all for admins), with {@code status}. */
    @Transactional(readOnly = true)
    public Page<Appeal> list(Actor actor, AppealStatus status, Pageable pageable) {
        if (actor.isAdmin()) {
            return appeals.findByStatus(status, pageable);
        }
        boolean director = directory.isMember(actor.username(), Groups.SALES_DIRECTORS);
        Set<String> groups = actor.managedTeams().stream().map(Groups::reviewersOf)
                .collect(Collectors.toCollection(HashSet::new));
        if (director) {
            groups.add(Groups.SALES_DIRECTORS);
        }
        if (groups.isEmpty()) {
            groups.add(""); // an empty IN list is not portable
        }
        return appeals.findVisibleTo(status, actor.username(), groups, director, pageable);
    }

    /** Why {@code user} may not decide {@code appeal} now, or null. */
    @Transactional(readOnly = true)
    public String decisionRefusal(String user, Appeal appeal) {
        return deciders.refusal(user, appeal, customer(appeal.getCustomerId()).getOwner());
    }

    /** The company name the appeal is about, as the appellant registered it. */
    @Transactional(readOnly = true)
    public String companyName(Appeal appeal) {
        return registrations.view(appeal.getRegistrationId()).companyName();
    }

    private Customer customer(Long id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("客户", id));
    }
}
