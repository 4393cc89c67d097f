package io.baobei.handover;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.baobei.audit.AuditLog;
import io.baobei.engine.AsSystem;
import io.baobei.pool.PoolClaimVariables;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.RegistrationService;
import io.baobei.registration.RegistrationVariables;

/**
 * The work a departing rep leaves open in this system, and what a handover does with it. Follow-up tasks move with
 * their customers (the ownership core retargets them); the rep's own registrations and claims cannot be continued by
 * someone else in the rep's name, so they are closed the way their models allow, in the requesting manager's name
 * where the model needs a decider. No task stays with a rep who can no longer sign in. See docs/handover.md.
 */
@Component
class LeaverTasks {

    /** What happens to one open item. */
    enum Handling {
        FOLLOWS_CUSTOMER("随客户转给接收人（保护期限不变）"),
        ENDS_IN_POOL("客户释放到公海，跟进任务随保护期结束"),
        WITHDRAW("撞单处理：代为撤回报备"),
        ACKNOWLEDGE("报备未通过的通知：代为确认"),
        REJECT_REVIEW("待审核的报备：以发起交接的主管名义驳回（报备人已离职）"),
        CANCEL_REGISTRATION("退回修改或查重中的报备：撤回（报备人已离职）"),
        CANCEL_CLAIM("选择公海客户：代为放弃领取"),
        REJECT_CLAIM("待审批的公海领取：以发起交接的主管名义驳回（领取人已离职）"),
        REASSIGN("其他指派给离职人员的任务：改派给发起交接的主管");

        private final String label;

        Handling(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** One open item: a task of the leaver, or a registration or claim of theirs waiting on someone else. */
    record OpenItem(String taskId, String processInstanceId, String name, Handling handling) {
    }

    /** The preview's view: how many of a kind and what happens to them. */
    record OpenTaskGroup(String task, int count, String handling) {
    }

    private static final String REVIEW_TASK = "Task_ReviewRegistration";
    private static final String APPROVE_CLAIM_TASK = "Task_ApproveClaim";

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final AuditLog auditLog;
    private final AsSystem asSystem;
    private final RegistrationService registrations;

    LeaverTasks(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService,
                AuditLog auditLog, AsSystem asSystem, RegistrationService registrations) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.auditLog = auditLog;
        this.asSystem = asSystem;
        this.registrations = registrations;
    }

    List<OpenItem> of(String leaver, HandoverMode mode) {
        return asSystem.call(() -> find(leaver, mode));
    }

    static List<OpenTaskGroup> grouped(List<OpenItem> items) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Handling> handling = new LinkedHashMap<>();
        for (OpenItem item : items) {
            String key = item.name() + "|" + item.handling();
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            handling.put(key, item.handling());
        }
        List<OpenTaskGroup> groups = new ArrayList<>();
        counts.forEach((key, count) -> groups.add(new OpenTaskGroup(key.substring(0, key.indexOf('|')), count[0],
                handling.get(key).label())));
        return groups;
    }

    /**
     * Closes or reassigns everything but the follow-up tasks (those move with their customers), as the engine (an
     * asynchronous step). One pass: what a pass opens for the leaver (a rejected registration's notice) is a task
     * created in this very command, which the engine does not let the same command complete; the next step's pass
     * (Task_FinishHandover) closes it.
     */
    int handle(String leaver, HandoverMode mode, Long handoverId, String requester) {
        List<OpenItem> open = find(leaver, mode).stream()
                .filter(i -> i.handling() != Handling.FOLLOWS_CUSTOMER && i.handling() != Handling.ENDS_IN_POOL)
                .toList();
        open.forEach(item -> handleOne(item, leaver, handoverId, requester));
        return open.size();
    }

    private void handleOne(OpenItem item, String leaver, Long handoverId, String requester) {
        String why = "离职交接 #" + handoverId + "：" + leaver + " 已离职";
        switch (item.handling()) {
            case WITHDRAW, ACKNOWLEDGE -> taskService.complete(item.taskId());
            case REJECT_REVIEW -> {
                taskService.setAssignee(item.taskId(), requester);
                taskService.complete(item.taskId(), Map.of(RegistrationVariables.REVIEW_DECISION, "REJECT",
                        RegistrationVariables.REVIEW_REASON, why));
            }
            case CANCEL_REGISTRATION -> registrations.withdrawFromOutside(item.processInstanceId(), why);
            case CANCEL_CLAIM -> taskService.complete(item.taskId(),
                    Map.of(PoolClaimVariables.CHOOSE_ACTION, "CANCEL"));
            case REJECT_CLAIM -> {
                taskService.setAssignee(item.taskId(), requester);
                taskService.complete(item.taskId(), Map.of(PoolClaimVariables.CLAIM_DECISION, "REJECT",
                        PoolClaimVariables.CLAIM_DECISION_REASON, why));
            }
            case REASSIGN -> taskService.setAssignee(item.taskId(), requester);
            case FOLLOWS_CUSTOMER, ENDS_IN_POOL -> {
                return;
            }
        }
        auditLog.recordAs(requester, "HANDOVER_TASK_" + item.handling().name(), "HANDOVER", handoverId,
                "task=" + item.name() + ";processInstance=" + item.processInstanceId() + ";assignee=" + leaver,
                item.handling() == Handling.REASSIGN || item.handling() == Handling.REJECT_REVIEW
                        || item.handling() == Handling.REJECT_CLAIM ? "assignee=" + requester : "closed",
                item.handling().label());
    }

    private List<OpenItem> find(String leaver, HandoverMode mode) {
        List<OpenItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Task task : taskService.createTaskQuery().taskAssignee(leaver).orderByTaskCreateTime().asc().list()) {
            String processKey = processKey(task.getProcessDefinitionId());
            seen.add(task.getProcessInstanceId());
            items.add(new OpenItem(task.getId(), task.getProcessInstanceId(), task.getName(),
                    handling(processKey, task.getTaskDefinitionKey(), mode)));
        }
        // the leaver's registrations waiting on someone else: in review (the managers' task) or being checked
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(RegistrationVariables.PROCESS_KEY)
                .variableValueEquals(RegistrationVariables.SUBMITTER, leaver).list()) {
            if (!seen.add(instance.getId())) {
                continue;
            }
            Task review = taskService.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(REVIEW_TASK).singleResult();
            items.add(review != null
                    ? new OpenItem(review.getId(), instance.getId(), review.getName(), Handling.REJECT_REVIEW)
                    : new OpenItem(null, instance.getId(), "报备处理中", Handling.CANCEL_REGISTRATION));
        }
        // the leaver's claims waiting for a manager's approval (a claim waiting for the draw is left to the draw)
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(PoolClaimVariables.PROCESS_KEY)
                .variableValueEquals(PoolClaimVariables.CLAIMANT, leaver).list()) {
            if (!seen.add(instance.getId())) {
                continue;
            }
            Task approval = taskService.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(APPROVE_CLAIM_TASK).singleResult();
            if (approval != null) {
                items.add(new OpenItem(approval.getId(), instance.getId(), approval.getName(), Handling.REJECT_CLAIM));
            }
        }
        return items;
    }

    private static Handling handling(String processKey, String taskKey, HandoverMode mode) {
        if (ProtectionVariables.PROCESS_KEY.equals(processKey) && ProtectionVariables.FOLLOW_UP_TASK.equals(taskKey)) {
            return mode == HandoverMode.POOL ? Handling.ENDS_IN_POOL : Handling.FOLLOWS_CUSTOMER;
        }
        if (RegistrationVariables.PROCESS_KEY.equals(processKey)) {
            return switch (taskKey) {
                case "Task_ResolveConflict" -> Handling.WITHDRAW;
                case "Task_AcknowledgeRejection", "Task_AcknowledgeRefusal" -> Handling.ACKNOWLEDGE;
                case "Task_ReviseRegistration" -> Handling.CANCEL_REGISTRATION;
                default -> Handling.REASSIGN; // e.g. a review the leaver had claimed as a manager
            };
        }
        if (PoolClaimVariables.PROCESS_KEY.equals(processKey) && "Task_ChooseCustomer".equals(taskKey)) {
            return Handling.CANCEL_CLAIM;
        }
        return Handling.REASSIGN;
    }

    private String processKey(String processDefinitionId) {
        return processDefinitionId == null ? null
                : repositoryService.getProcessDefinition(processDefinitionId).getKey();
    }
}
