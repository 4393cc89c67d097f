package io.baobei.extension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.DisplayTimes;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.common.TextRules;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.OwnershipChanged;
import io.baobei.customer.OwnershipService;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.protection.ExtensionInput;

import static io.baobei.extension.ExtensionVariables.*;

/**
 * 申请延期: a rep asks to extend the protection of a customer they hold; the limits are ExtensionPolicy.dmn, the
 * decision is the team's managers', the extension itself the ownership core's ({@link OwnershipService#extendProtection}).
 * The API and the follow-up task submit through {@link #submit}, which records the request and runs
 * ProtectionExtensionProcess; the other public methods are that process's steps. A request belongs to the protection
 * period it was made in: when the customer leaves it (transfer, reclaim, release, deal) the request ends CANCELLED.
 */
@Service
@Transactional
public class ExtensionService {

    static final int MAX_DECISION_REASON = 1000;
    static final String OBJECT_TYPE = "EXTENSION";

    private final ExtensionRequestRepository requests;
    private final OwnershipService ownership;
    private final UserDirectory directory;
    private final AuditLog auditLog;
    private final Notifications notifications;
    private final RuntimeService runtimeService;
    private final AsSystem asSystem;
    private final ExtensionProperties properties;
    private final Clock clock;

    public ExtensionService(ExtensionRequestRepository requests, OwnershipService ownership, UserDirectory directory,
                            AuditLog auditLog, Notifications notifications, RuntimeService runtimeService,
                            AsSystem asSystem, ExtensionProperties properties, Clock clock) {
        this.requests = requests;
        this.ownership = ownership;
        this.directory = directory;
        this.auditLog = auditLog;
        this.notifications = notifications;
        this.runtimeService = runtimeService;
        this.asSystem = asSystem;
        this.properties = properties;
        this.clock = clock;
    }

    /** A request as the API shows it. */
    public record ExtensionView(Long id, Long customerId, String requester, int days, String reason,
                                ExtensionStatus status, String statusLabel, String message, Instant previousUntil,
                                Instant newUntil, String decidedBy, String decisionReason, Instant createdAt,
                                Instant decidedAt) {

        static ExtensionView of(ExtensionRequest r) {
            return new ExtensionView(r.getId(), r.getCustomerId(), r.getRequester(), r.getDays(), r.getReason(),
                    r.getStatus(), r.getStatus().label(), r.getMessage(), r.getPreviousUntil(), r.getNewUntil(),
                    r.getDecidedBy(), r.getDecisionReason(), r.getCreatedAt(), r.getDecidedAt());
        }
    }

    // ------------------------------------------------------------------------------------------- submission

    /**
     * Records the request of {@code requester} and runs ProtectionExtensionProcess for it, in the caller's
     * transaction; returns the request as it stands after the synchronous steps: PENDING (waiting for a manager) or
     * REFUSED (over the policy's limits). A customer that is not protected for the requester, or that already has a
     * pending request, is refused before any process starts: from the API by a BusinessRuleException (409, nothing
     * recorded), from the follow-up task as a REFUSED request the requester is notified of (never an incident).
     *
     * @param protectionProcessInstanceId the follow-up task's protection instance, or null from the API
     */
    public ExtensionView submit(String requester, Long customerId, String protectionProcessInstanceId,
                                ExtensionInput input, ExtensionChannel channel) {
        Customer customer = ownership.lock(customerId); // 404 for an unknown id
        Instant now = Instant.now(clock);
        Actor rep = directory.actor(requester);
        String refusal = null;
        if (customer.getStatus() != CustomerStatus.PROTECTED || !requester.equals(customer.getOwner())
                || protectionProcessInstanceId != null && !customer.isProtectedBy(protectionProcessInstanceId)) {
            refusal = "只有保护中客户的归属销售可以申请延期：该客户当前不在您的保护期中";
        } else if (requests.findByPendingCustomerId(customerId).isPresent()) {
            refusal = "该客户已有一份待审批的延期申请，请等待主管的审批结果";
        }
        if (refusal != null) {
            if (channel == ExtensionChannel.API) {
                throw new BusinessRuleException(refusal);
            }
            ExtensionRequest refused = requests.save(ExtensionRequest.refusedAtOnce(customerId, requester, rep.team(),
                    input.days(), input.reason(), channel, refusal, now));
            audit(requester, "EXTENSION_REFUSED", refused, null);
            notifyRequester(refused, customer.getCompanyName(), "未受理", refusal);
            return ExtensionView.of(refused);
        }
        String period = customer.getProtectionProcessInstanceId();
        long previous = requests.countByProtectionProcessInstanceIdAndStatus(period, ExtensionStatus.APPROVED);
        ExtensionRequest request = requests.saveAndFlush(new ExtensionRequest(customerId, requester, rep.team(), period,
                input.days(), input.reason(), channel, now));
        audit(requester, "EXTENSION_REQUESTED", request, input.reason());

        // the managers have decisionDays, and never longer than the protection they are asked to extend
        Instant decideBy = now.plus(Duration.ofDays(properties.decisionDays()));
        if (customer.getProtectedUntil() != null && customer.getProtectedUntil().isBefore(decideBy)) {
            decideBy = customer.getProtectedUntil();
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(CUSTOMER_ID, customerId);
        variables.put(REQUESTER, requester);
        variables.put(COMPANY_NAME, customer.getCompanyName());
        variables.put(GRADE, customer.getGrade().name());
        variables.put(EXTENSION_DAYS, input.days());
        variables.put(PREVIOUS_EXTENSIONS, (int) previous);
        variables.put(APPROVER_GROUP, rep.team() == null ? Groups.ADMINS : Groups.reviewersOf(rep.team()));
        variables.put(DECIDE_BY, Date.from(decideBy));
        ProcessInstance instance = asSystem.call(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                request.getId().toString(), variables));
        request.startedAs(instance.getId());
        return ExtensionView.of(request);
    }

    // --------------------------------------------------------------------------------------- process steps

    /** Task_RefuseExtension: over the policy's limits ({@code refusal}, the decision's Chinese reason). */
    public void refuse(Long extensionId, String processInstanceId, Object refusal) {
        ExtensionRequest request = inProcess(extensionId, processInstanceId, ExtensionStatus.PENDING);
        String message = refusal == null || refusal.toString().isBlank() ? "超出延期限制" : refusal.toString();
        request.refuse(message, Instant.now(clock));
        audit(AuditLog.SYSTEM, "EXTENSION_REFUSED", request, message);
        // an API requester reads the reason in the 409 of their own request
        if (request.getChannel() != ExtensionChannel.API) {
            notifyRequester(request, companyName(request), "未受理", message);
        }
    }

    /** What the decide task shows, task-local, read-only: owner, current end, days → new end, reason. */
    public record DecisionCard(String owner, String currentEnd, String requested, String reason) {
    }

    /** Task_DecideExtension created: the summary for the form, and the team's managers hear that it waits. */
    public DecisionCard awaitDecision(Long extensionId, String processInstanceId, String taskId) {
        ExtensionRequest request = inProcess(extensionId, processInstanceId, ExtensionStatus.PENDING);
        Customer customer = ownership.lock(request.getCustomerId());
        Instant end = customer.getProtectedUntil();
        String currentEnd = end == null ? "—" : DisplayTimes.minute(end, clock);
        String requested = request.getDays() + " 天" + (end == null ? ""
                : " → 延至 " + DisplayTimes.minute(end.plus(Duration.ofDays(request.getDays())), clock));
        List<String> managers = directory.managersOf(request.getRequesterTeam(), request.getRequester());
        notifications.notify(NotificationEvent.of(NotificationKind.EXTENSION_WAITING,
                key(request, "waiting:" + taskId), managers, OBJECT_TYPE, request.getId(), taskId,
                Map.of("customer", customer.getCompanyName(), "by", directory.nameAndLogin(request.getRequester()),
                        "days", String.valueOf(request.getDays()))));
        return new DecisionCard(directory.nameAndLogin(request.getRequester()), currentEnd, requested,
                request.getReason());
    }

    /** The decision as a manager sent it, checked: APPROVE or REJECT, a reason required to reject. */
    static String checkDecision(Object decisionValue, Object reasonValue, String decisionField, String reasonField) {
        String decision = decisionValue == null ? "" : decisionValue.toString().strip().toUpperCase(Locale.ROOT);
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw InvalidInputException.of(decisionField, "请选择：批准 或 驳回");
        }
        String reason = TextRules.stripped(reasonValue);
        List<FieldError> errors = new ArrayList<>();
        if (decision.equals("REJECT") && reason == null) {
            errors.add(new FieldError(reasonField, "驳回时请填写原因"));
        } else if (reason != null) {
            TextRules.check(reasonField, "审批意见", reason, MAX_DECISION_REASON, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return decision;
    }

    /**
     * Task_RecordExtensionDecision. {@code decider} is who completed the decide task, as the engine knows it: a
     * manager of the requester's team (or an admin), never the requester, even when they manage that team.
     * A rejection ends the request and tells the requester; returns true if approved.
     */
    public boolean decide(Long extensionId, String processInstanceId, Object decisionValue, Object reasonValue,
                          String decider) {
        String decision = checkDecision(decisionValue, reasonValue, EXTENSION_DECISION, EXTENSION_DECISION_REASON);
        String reason = TextRules.stripped(reasonValue);
        ExtensionRequest request = inProcess(extensionId, processInstanceId, ExtensionStatus.PENDING);
        checkDecider(request, decider);
        if (decision.equals("APPROVE")) {
            request.approve(decider, reason);
        } else {
            request.reject(decider, reason, Instant.now(clock));
            notifyRequester(request, companyName(request), "已驳回", "原因：" + reason);
        }
        auditLog.recordAs(decider, "EXTENSION_DECIDED", OBJECT_TYPE, request.getId(), "status=PENDING",
                "decision=" + decision + ";customer=" + request.getCustomerId(), reason);
        return decision.equals("APPROVE");
    }

    /** Task_DecideExtension assigned: never to the requester (a manager of the team asking for their own customer). */
    public void checkAssignee(Long extensionId, String assignee) {
        ExtensionRequest request = requests.findById(extensionId)
                .orElseThrow(() -> new NotFoundException("延期申请", extensionId));
        if (assignee != null && assignee.equals(request.getRequester())) {
            throw new BusinessRuleException(OWN_REQUEST);
        }
    }

    static final String OWN_REQUEST = "不能审批自己客户的延期申请，请由团队的其他主管或管理员审批";

    private void checkDecider(ExtensionRequest request, String decider) {
        if (decider != null && decider.equals(request.getRequester())) {
            throw new BusinessRuleException(OWN_REQUEST);
        }
        if (decider == null || !mayDecide(request, directory.actor(decider))) {
            throw new BusinessRuleException("只有申请人所在团队的主管才能审批该延期申请");
        }
    }

    /** The one rule of who decides a request: a manager of the requester's team or an admin, never the requester. */
    private static boolean mayDecide(ExtensionRequest request, Actor actor) {
        return !actor.username().equals(request.getRequester())
                && (actor.isAdmin() || actor.manages(request.getRequesterTeam()));
    }

    /**
     * Task_ExtendProtection (asynchronous): the protection ends {@code days} later than it does now, through the
     * ownership core. A customer that has meanwhile left the requester's protection period is not extended: the
     * request ends CANCELLED instead, no incident.
     */
    public void extend(Long extensionId, String processInstanceId) {
        ExtensionRequest request = inProcess(extensionId, processInstanceId, ExtensionStatus.PENDING);
        if (request.getDecidedBy() == null) {
            throw new BusinessRuleException("延期申请 " + extensionId + " 尚未经主管批准");
        }
        Customer customer = ownership.lock(request.getCustomerId());
        if (!stillHeld(request, customer.getStatus(), customer.getOwner(), customer.getProtectionProcessInstanceId())) {
            cancel(request, "主管批准时客户已不在您的这一保护期中（已转移、回收、释放或成交），保护期未延长", customer);
            return;
        }
        Instant previous = customer.getProtectedUntil();
        Instant until = previous.plus(Duration.ofDays(request.getDays()));
        ownership.extendProtection(request.getCustomerId(), until, "延期申请 #" + request.getId() + "，"
                + request.getDays() + " 天：" + request.getReason(), request.getDecidedBy());
        String newEnd = DisplayTimes.minute(until, clock);
        request.extended(previous, until, "保护期已延至 " + newEnd, Instant.now(clock));
        audit(request.getDecidedBy(), "EXTENSION_APPROVED", request, request.getDecisionReason());
        notifyRequester(request, customer.getCompanyName(), "已批准", "保护期已延至 " + newEnd + "。"
                + (request.getDecisionReason() == null ? "" : "审批意见：" + request.getDecisionReason()));
    }

    /** Task_CancelExtension: the customer left the requester while the decision waited ({@code reason} says how). */
    public void cancel(Long extensionId, String processInstanceId, Object reason) {
        ExtensionRequest request = inProcess(extensionId, processInstanceId, ExtensionStatus.PENDING);
        cancel(request, reason == null ? "客户已不在您的这一保护期中，延期申请已取消" : reason.toString(),
                ownership.lock(request.getCustomerId()));
    }

    private void cancel(ExtensionRequest request, String message, Customer customer) {
        request.cancel(message, Instant.now(clock));
        audit(AuditLog.SYSTEM, "EXTENSION_CANCELLED", request, message);
        notifyRequester(request, customer.getCompanyName(), "已取消", message);
    }

    /**
     * The ownership core changed a customer (in its transaction): its pending request (one at most), if its
     * requester no longer holds that protection period, ends at once, through the message that interrupts its decide
     * task. A request whose process is not waiting there (approved, its extension job pending) is cancelled by that job.
     */
    public void customerChanged(OwnershipChanged change) {
        requests.findByPendingCustomerId(change.customerId()).ifPresent(request -> {
            if (request.getProcessInstanceId() == null
                    || stillHeld(request, change.status(), change.owner(), change.protectionProcessInstanceId())) {
                return;
            }
            String reason = "客户已不在您的这一保护期中（" + change.action().label() + "），延期申请已取消";
            asSystem.run(() -> runtimeService.createMessageCorrelation(MESSAGE_OBSOLETE)
                    .processInstanceId(request.getProcessInstanceId())
                    .setVariable(CANCEL_REASON, reason)
                    .correlateAll());
        });
    }

    private static boolean stillHeld(ExtensionRequest request, CustomerStatus status, String owner,
                                     String protectionProcessInstanceId) {
        return status == CustomerStatus.PROTECTED && request.getRequester().equals(owner)
                && request.getProtectionProcessInstanceId() != null
                && request.getProtectionProcessInstanceId().equals(protectionProcessInstanceId);
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** The request a decision is asked for: 404 unknown; 403 unless a manager of the requester's team or an admin. */
    @Transactional(readOnly = true)
    public ExtensionView forDecision(Long extensionId, Actor actor) {
        ExtensionRequest request = requests.findById(extensionId)
                .orElseThrow(() -> new NotFoundException("延期申请", extensionId));
        if (!mayDecide(request, actor)) {
            throw new org.springframework.security.access.AccessDeniedException("not a decider of this extension");
        }
        if (request.getStatus() != ExtensionStatus.PENDING || request.getDecidedBy() != null) {
            throw new BusinessRuleException("该延期申请已处理（" + (request.getStatus() == ExtensionStatus.PENDING
                    ? "已批准，正在延长保护期" : request.getStatus().label()) + "），不能再审批");
        }
        return ExtensionView.of(request);
    }

    @Transactional(readOnly = true)
    public String processInstanceOf(Long extensionId) {
        return requests.findById(extensionId).map(ExtensionRequest::getProcessInstanceId)
                .orElseThrow(() -> new NotFoundException("延期申请", extensionId));
    }

    @Transactional(readOnly = true)
    public ExtensionView view(Long extensionId) {
        return requests.findById(extensionId).map(ExtensionView::of)
                .orElseThrow(() -> new NotFoundException("延期申请", extensionId));
    }

    /**
     * The requests a user sees: a rep their own, a manager also those of the teams they manage (to decide), an
     * admin all; optionally of one status, newest first as the pageable says.
     */
    @Transactional(readOnly = true)
    public Page<ExtensionView> list(Actor actor, ExtensionStatus status, Pageable pageable) {
        Specification<ExtensionRequest> scope = switch (actor.role()) {
            case ADMIN -> (r, q, cb) -> cb.conjunction();
            case MANAGER -> actor.managedTeams().isEmpty()
                    ? (r, q, cb) -> cb.equal(r.get("requester"), actor.username())
                    : (r, q, cb) -> cb.or(cb.equal(r.get("requester"), actor.username()),
                    r.get("requesterTeam").in(actor.managedTeams()));
            case REP -> (r, q, cb) -> cb.equal(r.get("requester"), actor.username());
        };
        if (status != null) {
            scope = scope.and((r, q, cb) -> cb.equal(r.get("status"), status));
        }
        return requests.findAll(scope, pageable).map(ExtensionView::of);
    }

    // ----------------------------------------------------------------------------------------------- inside

    private ExtensionRequest inProcess(Long extensionId, String processInstanceId, ExtensionStatus... allowed) {
        ExtensionRequest request = requests.findById(extensionId)
                .orElseThrow(() -> new NotFoundException("延期申请", extensionId));
        // the first steps run inside submit's start, before it learns the instance id: the request adopts it then
        if (request.getProcessInstanceId() == null && processInstanceId != null) {
            request.startedAs(processInstanceId);
        } else if (processInstanceId == null || !processInstanceId.equals(request.getProcessInstanceId())) {
            throw new BusinessRuleException("延期申请 " + extensionId + " 不属于该流程");
        }
        if (allowed.length > 0 && !List.of(allowed).contains(request.getStatus())) {
            throw new BusinessRuleException("延期申请 " + extensionId + " 当前状态为“" + request.getStatus().label()
                    + "”，不能执行此步骤");
        }
        return request;
    }

    private String companyName(ExtensionRequest request) {
        return ownership.lock(request.getCustomerId()).getCompanyName();
    }

    /** 延期申请已有结果 to the requester: the company name (their own customer), never contact data. */
    private void notifyRequester(ExtensionRequest request, String companyName, String decision, String detail) {
        notifications.notify(NotificationEvent.of(NotificationKind.EXTENSION_DECIDED,
                key(request, "decided"), request.getRequester(), OBJECT_TYPE, request.getId(), null,
                Map.of("customer", companyName, "decision", decision,
                        "by", request.getDecidedBy() == null ? "系统" : directory.nameAndLogin(request.getDecidedBy()),
                        "reason", detail)));
    }

    private void audit(String actor, String action, ExtensionRequest request, String reason) {
        auditLog.recordAs(actor, action, OBJECT_TYPE, request.getId(), null,
                "customer=" + request.getCustomerId() + ";requester=" + request.getRequester() + ";days="
                        + request.getDays() + ";status=" + request.getStatus(), reason);
    }

    private static String key(ExtensionRequest request, String occurrence) {
        return "extension:" + request.getId() + ":" + occurrence;
    }
}
