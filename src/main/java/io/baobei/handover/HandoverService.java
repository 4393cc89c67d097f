package io.baobei.handover;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.audit.AuditLog;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.OwnershipRefusedException;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.Role;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * 离职交接: a manager (for a rep of a team they manage) or an admin (for anyone) moves a departing rep's customers to
 * colleagues or to the pool, closes or reassigns the rep's open tasks and may disable the rep. The plan is fixed
 * when the handover is confirmed (one {@link HandoverItem} per customer); HandoverProcess then moves each customer in
 * its own job through the ownership core (transfer with source HANDOVER, or to the pool), so each customer is moved
 * completely or listed as not moved with its reason, and a retried or repeated job never moves one twice.
 */
@Service
@Transactional
public class HandoverService {

    /** the group a disabled rep is moved to: no permissions, and Camunda Admin shows at a glance who has left */
    static final String DEPARTED_GROUP = "departed";
    static final String POOL_KEY = "POOL";
    /** a string process variable holds at most 4,000 characters (ACT_RU_VARIABLE.TEXT_): the rest is in the API */
    private static final int MAX_SUMMARY = 3600;

    private final HandoverRepository handovers;
    private final HandoverItemRepository items;
    private final OwnershipService ownership;
    private final LeaverTasks leaverTasks;
    private final UserDirectory directory;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final AuditLog auditLog;
    private final AsSystem asSystem;
    private final Clock clock;
    private final Notifications notifications;

    HandoverService(HandoverRepository handovers, HandoverItemRepository items, OwnershipService ownership,
                    LeaverTasks leaverTasks, UserDirectory directory, IdentityService identityService,
                    RuntimeService runtimeService, AuditLog auditLog, AsSystem asSystem, Clock clock,
                    Notifications notifications) {
        this.handovers = handovers;
        this.items = items;
        this.ownership = ownership;
        this.leaverTasks = leaverTasks;
        this.directory = directory;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
        this.auditLog = auditLog;
        this.asSystem = asSystem;
        this.clock = clock;
        this.notifications = notifications;
    }

    // ------------------------------------------------------------------------------------------------- preview

    /** A receiver who would be over quota: used and max now, how many of the plan's customers would not move. */
    public record OverQuota(String receiver, long used, int max, int assigned, int notMoved, boolean overridden) {
    }

    public record Preview(int customers, List<LeaverTasks.OpenTaskGroup> openTasks, Map<String, Integer> perReceiver,
                          List<OverQuota> overQuota) {
    }

    /** What a handover would do now, without doing anything. */
    public Preview preview(Actor actor, HandoverRequest request) {
        authorize(actor, request);
        return compute(request);
    }

    private Preview compute(HandoverRequest request) {
        List<Customer> held = ownership.heldBy(request.fromUser());
        List<HandoverPlan.Assignment> plan = HandoverPlan.distribute(held, request.mode(), request.receivers());
        Map<String, Integer> perReceiver = new LinkedHashMap<>();
        if (request.mode() == HandoverMode.POOL) {
            perReceiver.put(POOL_KEY, plan.size());
        } else {
            request.receivers().forEach(r -> perReceiver.put(r, 0));
            plan.forEach(a -> perReceiver.merge(a.target(), 1, Integer::sum));
        }
        List<OverQuota> overQuota = new ArrayList<>();
        for (String receiver : request.receivers()) {
            OwnershipService.QuotaStanding standing = ownership.quotaOf(receiver);
            long used = standing.used();
            int assigned = 0;
            int refused = 0;
            // as the ownership core's transfer counts: refused once full, and only a protected customer adds to it
            for (HandoverPlan.Assignment a : plan) {
                if (!receiver.equals(a.target())) {
                    continue;
                }
                assigned++;
                if (!request.overrideQuota() && used >= standing.max()) {
                    refused++;
                } else if (a.countsForQuota()) {
                    used++;
                }
            }
            if (refused > 0 || used > standing.max()) {
                overQuota.add(new OverQuota(receiver, standing.used(), standing.max(), assigned, refused,
                        request.overrideQuota()));
            }
        }
        return new Preview(plan.size(), LeaverTasks.grouped(leaverTasks.of(request.fromUser(), request.mode())),
                perReceiver, overQuota);
    }

    // ------------------------------------------------------------------------------------------------- start

    /** POST /api/handovers without preview: starts HandoverProcess at its message start, already confirmed. */
    public Long start(Actor actor, HandoverRequest request) {
        Actor leaver = authorize(actor, request);
        ensureNoneRunning(request.fromUser());
        Handover handover = handovers.saveAndFlush(new Handover(request, leaver.team(), actor.username(), null,
                Instant.now(clock)));
        auditLog.recordAs(actor.username(), "HANDOVER_REQUESTED", "HANDOVER", handover.getId(), null,
                describe(request), "接口发起并确认");
        asSystem.run(() -> runtimeService.createMessageCorrelation(HandoverVariables.MESSAGE_REQUESTED)
                .processInstanceBusinessKey(handover.getId().toString())
                .setVariable(HandoverVariables.REQUESTER, actor.username())
                .correlateStartMessage());
        return handover.getId();
    }

    /** What Task_PlanHandover keeps: the handover and the preview text of the confirmation task. */
    public record Planned(Long handoverId, String summary) {
    }

    /** Task_PlanHandover (Tasklist start): checks the start form like the API, records the request, previews it. */
    public Planned plan(String requester, HandoverRequest request, String processInstanceId) {
        Actor actor = directory.actor(requester);
        Actor leaver = authorize(actor, request);
        ensureNoneRunning(request.fromUser());
        Preview preview = compute(request);
        Handover handover = handovers.saveAndFlush(new Handover(request, leaver.team(), requester, processInstanceId,
                Instant.now(clock)));
        auditLog.recordAs(requester, "HANDOVER_REQUESTED", "HANDOVER", handover.getId(), null, describe(request),
                "Tasklist 发起，待确认");
        return new Planned(handover.getId(), summary(request, leaver, preview));
    }

    /**
     * Task_StartHandover: the manager confirmed (or the API asked without preview). The rules are checked again
     * and the plan is made from the customers the rep holds now; then the rep is disabled if asked.
     */
    public int confirm(Long handoverId, String processInstanceId) {
        Handover handover = handovers.findById(handoverId).orElseThrow(() -> new NotFoundException("离职交接", handoverId));
        if (handover.getProcessInstanceId() == null) {
            handover.attachTo(processInstanceId); // the API's start: the row was written before its process
        }
        inProcess(handover, processInstanceId, HandoverState.PREVIEW);
        HandoverRequest request = handover.request();
        authorize(directory.actor(handover.getRequestedBy()), request);
        ensureNoneRunning(request.fromUser());
        List<HandoverPlan.Assignment> plan = HandoverPlan.distribute(ownership.heldBy(request.fromUser()),
                request.mode(), request.receivers());
        List<HandoverItem> planned = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            planned.add(new HandoverItem(handoverId, i, plan.get(i).customerId(), plan.get(i).target()));
        }
        items.saveAll(planned);
        handover.confirm(plan.size(), Instant.now(clock));
        handovers.saveAndFlush(handover);
        auditLog.recordAs(handover.getRequestedBy(), "HANDOVER_CONFIRMED", "HANDOVER", handoverId, "state=PREVIEW",
                "state=RUNNING;customers=" + plan.size() + ";" + describe(request), null);
        if (request.disableUser()) {
            disable(request.fromUser(), handoverId, handover.getRequestedBy());
        }
        return plan.size();
    }

    /** Task_CancelHandover: the manager did not confirm. */
    public void cancel(Long handoverId, String processInstanceId) {
        Handover handover = inProcess(handoverId, processInstanceId, HandoverState.PREVIEW);
        handover.finish(HandoverState.CANCELLED, Instant.now(clock));
        auditLog.recordAs(handover.getRequestedBy(), "HANDOVER_CANCELLED", "HANDOVER", handoverId, "state=PREVIEW",
                "state=CANCELLED", null);
    }

    // ------------------------------------------------------------------------------------------------- the jobs

    /** Task_ReassignTasks: the leaver's open registrations, claims and other tasks (follow-ups move with customers). */
    public int reassignTasks(Long handoverId, String processInstanceId) {
        Handover handover = inProcess(handoverId, processInstanceId, HandoverState.RUNNING);
        return leaverTasks.handle(handover.getFromUser(), handover.getMode(), handoverId, handover.getRequestedBy());
    }

    /**
     * Task_MoveCustomer, one job per customer: moves it through the ownership core or records why not, in the job's
     * transaction. A customer already at its target counts as moved, and an item already finished is left alone, so
     * a job that runs again (a retry, a restart after a crash) changes nothing twice.
     */
    public void moveItem(Long handoverId, int seq, String processInstanceId) {
        Handover handover = handovers.findById(handoverId)
                .orElseThrow(() -> new NotFoundException("离职交接", handoverId));
        HandoverItem item = items.findByHandoverIdAndSeq(handoverId, seq)
                .orElseThrow(() -> new BusinessRuleException("离职交接 #" + handoverId + " 没有第 " + seq + " 项"));
        if (item.getState() != ItemState.PENDING && processInstanceId != null
                && processInstanceId.equals(handover.getProcessInstanceId())) {
            return; // finished by an earlier run of this job
        }
        inProcess(handover, processInstanceId, HandoverState.RUNNING);
        Instant now = Instant.now(clock);
        Customer customer = ownership.lock(item.getCustomerId());
        String from = handover.getFromUser();
        String target = item.getTarget();
        boolean atTarget = target == null ? customer.getStatus() == CustomerStatus.POOL
                : customer.getStatus() != CustomerStatus.POOL && target.equals(customer.getOwner());
        if (atTarget) {
            item.moved("客户已在" + (target == null ? "公海" : " " + target + " 名下"), now);
            return;
        }
        if (customer.getStatus() == CustomerStatus.POOL || !from.equals(customer.getOwner())) {
            notMoved(handover, item, "确认交接后客户已不在 " + from + " 名下（"
                    + (customer.getStatus() == CustomerStatus.POOL ? "已回到公海" : "现归属 " + customer.getOwner())
                    + "），未转移", now);
            return;
        }
        String reason = "离职交接 #" + handoverId + "（" + from + " 离职）";
        if (target == null) {
            ownership.handToPool(customer.getId(), from, reason + "，释放到公海", handover.getRequestedBy());
            item.moved(null, now);
            return;
        }
        if (directory.actor(target).team() == null) {
            notMoved(handover, item, "接收人 " + target + " 已不属于任何销售团队，未转移", now);
            return;
        }
        try {
            ownership.transfer(customer.getId(), target, reason, handover.isOverrideQuota(), OwnershipSource.HANDOVER,
                    handover.getRequestedBy());
            item.moved(null, now);
        } catch (OwnershipRefusedException refused) {
            // refused before anything changed (the ownership core's contract): the transaction stays usable
            notMoved(handover, item, refused.getMessage(), now);
        }
    }

    /** What Task_FinishHandover found: DONE or PARTIAL, and the text of the result task. */
    public record Finished(HandoverState state, String summary) {
    }

    public Finished finish(Long handoverId, String processInstanceId) {
        Handover handover = inProcess(handoverId, processInstanceId, HandoverState.RUNNING);
        // a second pass over the leaver's tasks: what the first one opened (a rejected registration's notice) and
        // what appeared while the customers moved (a registration that was still being checked)
        leaverTasks.handle(handover.getFromUser(), handover.getMode(), handoverId, handover.getRequestedBy());
        long moved = items.countByHandoverIdAndState(handoverId, ItemState.MOVED);
        List<HandoverItem> notMoved = new ArrayList<>(
                items.findByHandoverIdAndStateOrderBySeqAsc(handoverId, ItemState.NOT_MOVED));
        long pending = items.countByHandoverIdAndState(handoverId, ItemState.PENDING);
        if (pending > 0) {
            // cannot happen while every Task_MoveCustomer job ends its item; never report such a handover as done
            throw new BusinessRuleException("离职交接 #" + handoverId + " 还有 " + pending + " 个客户未处理");
        }
        HandoverState state = notMoved.isEmpty() ? HandoverState.DONE : HandoverState.PARTIAL;
        handover.finish(state, Instant.now(clock));
        auditLog.recordAs(handover.getRequestedBy(), "HANDOVER_FINISHED", "HANDOVER", handoverId, "state=RUNNING",
                "state=" + state + ";moved=" + moved + ";notMoved=" + notMoved.size(), null);
        notifyDone(handover, moved, notMoved.size());
        StringBuilder text = new StringBuilder("离职交接 #" + handoverId + "（" + handover.getFromUser() + "）：已转移 "
                + moved + " 个客户，未转移 " + notMoved.size() + " 个。");
        if (!notMoved.isEmpty()) {
            text.append("未转移的客户仍在 ").append(handover.getFromUser())
                    .append(" 名下，可调整接收人或选择超额转移后再发起一次离职交接：");
            int listed = 0;
            for (HandoverItem item : notMoved) {
                String line = "\n客户 #" + item.getCustomerId() + "：" + item.getReason();
                if (text.length() + line.length() > MAX_SUMMARY) {
                    break;
                }
                text.append(line);
                listed++;
            }
            if (listed < notMoved.size()) {
                text.append("\n……其余 ").append(notMoved.size() - listed).append(" 个见 GET /api/handovers/")
                        .append(handoverId);
            }
        }
        return new Finished(state, text.toString());
    }

    // ------------------------------------------------------------------------------------------------- reads

    public record NotMoved(Long customerId, String reason) {
    }

    public record View(Long id, HandoverState state, String fromUser, HandoverMode mode, String requestedBy,
                       int total, long moved, long pending, List<NotMoved> notMoved) {
    }

    /** GET /api/handovers/{id}: its requester, the managers of the leaver's team, admins; 404 for anyone else. */
    @Transactional(readOnly = true)
    public View view(Long id, Actor actor) {
        Handover handover = handovers.findById(id).orElseThrow(() -> new NotFoundException("离职交接", id));
        if (!actor.isAdmin() && !actor.username().equals(handover.getRequestedBy())
                && !actor.manages(handover.getFromTeam())) {
            throw new NotFoundException("离职交接", id);
        }
        List<NotMoved> notMoved = items.findByHandoverIdAndStateOrderBySeqAsc(id, ItemState.NOT_MOVED).stream()
                .map(i -> new NotMoved(i.getCustomerId(), i.getReason())).toList();
        return new View(id, handover.getState(), handover.getFromUser(), handover.getMode(), handover.getRequestedBy(),
                handover.getItemCount(), items.countByHandoverIdAndState(id, ItemState.MOVED),
                items.countByHandoverIdAndState(id, ItemState.PENDING), notMoved);
    }

    // ------------------------------------------------------------------------------------------------- inside

    /**
     * Who may hand over whose customers to whom: managers for a rep of a team they manage, to reps of teams they
     * manage; admins for anyone, to reps of any team. Reps 403, an unknown leaver 404, a receiver outside 400.
     */
    private Actor authorize(Actor actor, HandoverRequest request) {
        if (actor.role() == Role.REP) {
            throw new AccessDeniedException("reps do not hand over customers");
        }
        if (!directory.exists(request.fromUser())) {
            throw new NotFoundException("用户", request.fromUser());
        }
        if (request.fromUser().equals(actor.username())) {
            throw InvalidInputException.of(HandoverVariables.FROM_USER, "不能为自己办理离职交接，请联系管理员");
        }
        Actor leaver = directory.actor(request.fromUser());
        if (!actor.isAdmin() && !actor.manages(leaver.team())) {
            throw new AccessDeniedException("managers hand over reps of the teams they manage");
        }
        for (String name : request.receivers()) {
            if (!directory.exists(name)) {
                throw InvalidInputException.of(HandoverVariables.RECEIVERS, "接收人 " + name + " 不存在");
            }
            Actor receiver = directory.actor(name);
            if (receiver.role() != Role.REP || receiver.team() == null) {
                throw InvalidInputException.of(HandoverVariables.RECEIVERS, "接收人 " + name + " 不是销售团队的成员");
            }
            if (!actor.isAdmin() && !actor.manages(receiver.team())) {
                throw InvalidInputException.of(HandoverVariables.RECEIVERS,
                        "接收人 " + name + " 不在您管理的团队中；跨团队交接请联系管理员");
            }
        }
        return leaver;
    }

    private void ensureNoneRunning(String fromUser) {
        if (handovers.existsByFromUserAndStateIn(fromUser, List.of(HandoverState.RUNNING))) {
            throw new BusinessRuleException(fromUser + " 的离职交接正在进行中，请等它完成后再发起");
        }
    }

    private Handover inProcess(Long handoverId, String processInstanceId, HandoverState allowed) {
        Handover handover = handovers.findById(handoverId)
                .orElseThrow(() -> new NotFoundException("离职交接", handoverId));
        return inProcess(handover, processInstanceId, allowed);
    }

    private static Handover inProcess(Handover handover, String processInstanceId, HandoverState allowed) {
        if (processInstanceId == null || !processInstanceId.equals(handover.getProcessInstanceId())) {
            throw new BusinessRuleException("离职交接 #" + handover.getId() + " 不属于该流程");
        }
        if (handover.getState() != allowed) {
            throw new BusinessRuleException("离职交接 #" + handover.getId() + " 当前状态为 " + handover.getState()
                    + "，不能执行此步骤");
        }
        return handover;
    }

    /**
     * Disables the leaver the way Camunda 7 allows while keeping history readable: the user stays (names in the
     * history and the audit still resolve), every group membership is removed, so no permission, team or task
     * filter is left, and the user joins {@link #DEPARTED_GROUP}. The removed groups are in the audit entry, so an
     * admin can restore them.
     */
    private void disable(String user, Long handoverId, String requester) {
        asSystem.run(() -> {
            List<Group> groups = identityService.createGroupQuery().groupMember(user).list();
            String before = groups.stream().map(Group::getId).sorted().collect(Collectors.joining(","));
            for (Group group : groups) {
                identityService.deleteMembership(user, group.getId());
            }
            if (identityService.createGroupQuery().groupId(DEPARTED_GROUP).count() == 0) {
                Group departed = identityService.newGroup(DEPARTED_GROUP);
                departed.setName("离职人员");
                departed.setType(Groups.TYPE_ROLE);
                identityService.saveGroup(departed);
            }
            identityService.createMembership(user, DEPARTED_GROUP);
            auditLog.recordAs(requester, "HANDOVER_USER_DISABLED", "USER", user, "groups=" + before,
                    "groups=" + DEPARTED_GROUP, "离职交接 #" + handoverId);
        });
    }

    private void notMoved(Handover handover, HandoverItem item, String reason, Instant now) {
        item.notMoved(reason, now);
        auditLog.recordAs(handover.getRequestedBy(), "HANDOVER_NOT_MOVED", "CUSTOMER", item.getCustomerId(),
                "owner=" + handover.getFromUser(), "target=" + (item.getTarget() == null ? POOL_KEY : item.getTarget()),
                "离职交接 #" + handover.getId() + "：" + reason);
    }

    /**
     * HANDOVER_DONE, once per person and handover (a rerun adds nothing): the manager who ran it (how many moved),
     * each receiver (how many they got; their follow-up tasks came with the customers) and the leaver unless disabled.
     * Counts only, no customer names: a handover is about many customers.
     */
    private void notifyDone(Handover handover, long moved, int notMoved) {
        String key = "handover:" + handover.getId() + ":done";
        String from = directory.nameAndLogin(handover.getFromUser());
        String by = directory.nameAndLogin(handover.getRequestedBy());
        notifyDone(key, handover, handover.getRequestedBy(), from, by, "共转移 " + moved + " 个客户，未转移 " + notMoved
                + " 个" + (notMoved > 0 ? "，原因见交接结果任务。" : "。"));
        Map<String, Long> received = items.findByHandoverIdAndStateOrderBySeqAsc(handover.getId(), ItemState.MOVED)
                .stream().filter(item -> item.getTarget() != null)
                .collect(Collectors.groupingBy(HandoverItem::getTarget, TreeMap::new, Collectors.counting()));
        received.forEach((receiver, count) -> notifyDone(key, handover, receiver, from, by,
                "您接收了其中 " + count + " 个客户，跟进任务已在您的任务列表中，请按期跟进。"));
        if (!handover.isDisableUser() && !directory.isMember(handover.getFromUser(), DEPARTED_GROUP)) {
            notifyDone(key, handover, handover.getFromUser(), from, by, "您名下的 " + moved + " 个客户已"
                    + (handover.getMode() == HandoverMode.POOL ? "释放到公海" : "交接给同事") + "。");
        }
    }

    private void notifyDone(String key, Handover handover, String recipient, String from, String by, String detail) {
        notifications.notify(NotificationEvent.of(NotificationKind.HANDOVER_DONE, key, recipient, "HANDOVER",
                handover.getId(), null, Map.of("from", from, "by", by, "detail", detail)));
    }

    private static String describe(HandoverRequest request) {
        return "fromUser=" + request.fromUser() + ";mode=" + request.mode() + ";receivers="
                + String.join(",", request.receivers()) + ";overrideQuota=" + request.overrideQuota()
                + ";disableUser=" + request.disableUser();
    }

    /** The preview as the confirmation task shows it. */
    private String summary(HandoverRequest request, Actor leaver, Preview preview) {
        StringBuilder text = new StringBuilder();
        text.append("离职销售：").append(request.fromUser());
        if (leaver.team() != null) {
            text.append("（").append(directory.teamName(leaver.team())).append("）");
        }
        text.append("\n分配方式：").append(request.mode().label()).append("，共 ").append(preview.customers())
                .append(" 个客户");
        if (request.mode() == HandoverMode.POOL) {
            text.append("\n全部释放到公海，按发布规则在公海中发布");
        } else {
            text.append("\n每位接收人：");
            text.append(preview.perReceiver().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " 个")
                    .collect(Collectors.joining("；")));
        }
        for (OverQuota over : preview.overQuota()) {
            text.append("\n保有量：").append(over.receiver()).append(" 已用 ").append(over.used()).append("/")
                    .append(over.max());
            text.append(over.overridden() ? "，将超额接收（已选择超额转移，记入客户历史）"
                    : "，分到的 " + over.assigned() + " 个客户中将有 " + over.notMoved() + " 个因保有量已满不能转移，会逐个列出");
        }
        if (preview.openTasks().isEmpty()) {
            text.append("\n待处理任务：无");
        }
        for (LeaverTasks.OpenTaskGroup group : preview.openTasks()) {
            text.append("\n待处理任务：").append(group.task()).append(" ").append(group.count()).append(" 个 → ")
                    .append(group.handling());
        }
        text.append(request.disableUser() ? "\n确认后停用该账号（移出所有用户组，保留用户与历史记录）" : "\n确认后不停用该账号");
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) + "……" : text.toString();
    }
}
