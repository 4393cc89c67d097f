package io.baobei.handover;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestExecutionListeners;

import io.baobei.audit.AuditEntry;
import io.baobei.audit.AuditEntryRepository;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.customer.TestCustomers;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.pool.PoolClaimVariables;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.registration.RegistrationVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.handover.HandoverVariables.*;
import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of HandoverProcess with the real ownership core and rules: cancelled at the preview, confirmed and
 * done (customers and follow-up tasks move, protections continue, the leaver is disabled), partial because a
 * receiver is at its quota (each customer listed with the reason), released to the pool, started through the API's
 * message, the leaver's open registrations and claims closed, and a move job that runs again or finds its customer
 * gone. Every leaver and receiver is a fresh rep, so counts in the shared test database never interfere.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class HandoverProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired Processes processes;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired HandoverService handoverService;
    @Autowired HandoverRepository handovers;
    @Autowired HandoverItemRepository items;
    @Autowired AuditEntryRepository audit;
    @Autowired UserDirectory directory;
    @Autowired Notifications notifications;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @Test
    void aCancelledPreviewChangesNothing() {
        String leaver = identities.newRep("hoCancel", TEAM_A);
        String receiver = identities.newRep("hoCancelTo", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 2);

        ProcessInstance handover = start(MGR_A, leaver, "ONE", receiver, false, true);

        assertThat(handover).isWaitingAt("Task_ConfirmHandover").hasPassed("Task_PlanHandover");
        assertThat(task(handover)).isAssignedTo(MGR_A);
        String preview = (String) runtimeService.getVariable(handover.getId(), PREVIEW_SUMMARY);
        assertThat(preview).contains("离职销售：" + leaver).contains("共 2 个客户").contains(receiver + " 2 个")
                .contains("客户跟进 2 个 → 随客户转给接收人").contains("确认后停用该账号");

        decide(handover, MGR_A, "CANCEL");

        assertThat(handover).isEnded().hasPassed("Task_CancelHandover", "EndEvent_HandoverCancelled")
                .hasNotPassed("Task_StartHandover");
        assertThat(handovers.findById(Long.valueOf(businessKey(handover))).orElseThrow().getState())
                .isEqualTo(HandoverState.CANCELLED);
        assertThat(ownership.heldBy(leaver)).hasSize(2);
        assertThat(groupsOf(leaver)).contains(TEAM_A);
    }

    @Test
    void aConfirmedHandoverMovesEveryCustomerWithItsFollowUpTaskAndDisablesTheLeaver() {
        String leaver = identities.newRep("hoDone", TEAM_A);
        String first = identities.newRep("hoDoneTo1", TEAM_A);
        String second = identities.newRep("hoDoneTo2", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 5);
        List<Customer> before = ownership.heldBy(leaver);

        ProcessInstance handover = start(MGR_A, leaver, "EVEN", first + "，" + second, false, true);
        decide(handover, MGR_A, CONFIRM);

        assertThat(handover).isWaitingAt("Task_ReassignTasks");
        assertThat(groupsOf(leaver)).as("disabled in the confirmation's transaction")
                .containsExactly(HandoverService.DEPARTED_GROUP);
        assertThat(runtimeService.getVariable(handover.getId(), ITEM_COUNT)).isEqualTo(5);
        runJobs(handover);

        assertThat(handover).isEnded().hasPassed("Task_MoveCustomer", "Task_FinishHandover", "EndEvent_HandoverDone")
                .hasNotPassed("Task_ReviewNotMoved");
        assertThat(ownership.heldBy(leaver)).isEmpty();
        assertThat(ownership.heldBy(first)).hasSize(3);
        assertThat(ownership.heldBy(second)).hasSize(2);
        for (Customer old : before) {
            Customer now = customers.findById(old.getId()).orElseThrow();
            assertThat(now.getProtectionProcessInstanceId()).as("the protection continues")
                    .isEqualTo(old.getProtectionProcessInstanceId());
            assertThat(now.getProtectedUntil()).isEqualTo(old.getProtectedUntil());
            Task followUp = taskService.createTaskQuery().processInstanceId(old.getProtectionProcessInstanceId())
                    .taskDefinitionKey(ProtectionVariables.FOLLOW_UP_TASK).singleResult();
            assertThat(followUp.getAssignee()).isEqualTo(now.getOwner());
            OwnershipEvent last = ownership.historyOf(old.getId()).get(ownership.historyOf(old.getId()).size() - 1);
            assertThat(last.getAction()).isEqualTo(OwnershipAction.TRANSFERRED);
            assertThat(last.getFromOwner()).isEqualTo(leaver);
            assertThat(last.getActor()).isEqualTo(MGR_A);
            assertThat(last.getReason()).contains("离职交接 #" + businessKey(handover));
            assertThat(ownership.currentSource(old.getId())).as("the period keeps its source").isEqualTo(OwnershipSource.IMPORT);
        }
        assertThat(taskService.createTaskQuery().taskAssignee(leaver).count()).isZero();
        // HANDOVER_DONE: the manager, each receiver with their count; the disabled leaver hears nothing
        assertThat(doneNotices(MGR_A, handover)).singleElement().satisfies(n -> {
            assertThat(n.title()).contains("离职交接已完成").contains(leaver);
            assertThat(n.body()).contains("共转移 5 个客户，未转移 0 个").doesNotContain("原因见");
        });
        assertThat(doneNotices(first, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("您接收了其中 3 个客户"));
        assertThat(doneNotices(second, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("您接收了其中 2 个客户"));
        assertThat(notifications.of(leaver, 0, 10).getContent()).isEmpty();
        HandoverService.View view = handoverService.view(Long.valueOf(businessKey(handover)), directoryActor(MGR_A));
        assertThat(view.state()).isEqualTo(HandoverState.DONE);
        assertThat(view.moved()).isEqualTo(5);
        assertThat(view.notMoved()).isEmpty();
        assertThat(auditActions(businessKey(handover))).contains("HANDOVER_REQUESTED", "HANDOVER_CONFIRMED",
                "HANDOVER_FINISHED");
        assertThat(auditOf("USER", leaver)).anyMatch(e -> "HANDOVER_USER_DISABLED".equals(e.getAction())
                && e.getBefore().contains(TEAM_A) && e.getAfter().equals("groups=" + HandoverService.DEPARTED_GROUP));
    }

    @Test
    void aReceiverAtItsQuotaGetsWhatFitsAndEveryOtherCustomerIsListedWithTheReason() {
        String leaver = identities.newRep("hoPart", TEAM_A);
        String full = identities.newRep("hoPartTo", TEAM_A);
        TestCustomers.protectFor(ownership, full, TEAM_A, 49);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 3);

        ProcessInstance handover = start(MGR_A, leaver, "ONE", full, false, false);
        assertThat((String) runtimeService.getVariable(handover.getId(), PREVIEW_SUMMARY))
                .contains("保有量：" + full + " 已用 49/50").contains("3 个客户中将有 2 个因保有量已满不能转移");
        decide(handover, MGR_A, CONFIRM);
        runJobs(handover);

        assertThat(handover).isWaitingAt("Task_ReviewNotMoved").hasPassed("Task_FinishHandover");
        assertThat(task(handover)).isAssignedTo(MGR_A);
        String result = (String) runtimeService.getVariable(handover.getId(), RESULT_SUMMARY);
        assertThat(result).contains("已转移 1 个客户，未转移 2 个").contains("保有量上限");
        assertThat(ownership.heldBy(leaver)).hasSize(2);
        assertThat(groupsOf(leaver)).as("not asked to disable").contains(TEAM_A);
        HandoverService.View view = handoverService.view(Long.valueOf(businessKey(handover)), directoryActor(MGR_A));
        assertThat(view.state()).isEqualTo(HandoverState.PARTIAL);
        assertThat(view.notMoved()).hasSize(2).allSatisfy(n -> assertThat(n.reason()).contains("已达保有量上限"));
        for (HandoverService.NotMoved n : view.notMoved()) {
            assertThat(auditOf("CUSTOMER", n.customerId().toString())).anyMatch(e -> "HANDOVER_NOT_MOVED".equals(e.getAction())
                    && e.getReason().contains("离职交接 #" + businessKey(handover)));
        }

        // HANDOVER_DONE: the leaver is still enabled and is told too; a receiver hears only of what they got
        assertThat(doneNotices(MGR_A, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("共转移 1 个客户，未转移 2 个，原因见交接结果任务"));
        assertThat(doneNotices(full, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("您接收了其中 1 个客户"));
        assertThat(doneNotices(leaver, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("您名下的 1 个客户已交接给同事"));

        processes.asUser(MGR_A, () -> taskService.complete(task(handover).getId()));
        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverPartial");
    }

    @Test
    void overridingTheQuotaMovesEverythingAndTheHistorySaysSo() {
        String leaver = identities.newRep("hoOver", TEAM_A);
        String full = identities.newRep("hoOverTo", TEAM_A);
        TestCustomers.protectFor(ownership, full, TEAM_A, 50);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 1);

        ProcessInstance handover = start(MGR_A, leaver, "ONE", full, true, false);
        assertThat((String) runtimeService.getVariable(handover.getId(), PREVIEW_SUMMARY)).contains("将超额接收");
        decide(handover, MGR_A, CONFIRM);
        runJobs(handover);

        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverDone");
        Customer moved = ownership.heldBy(full).stream().filter(c -> lastEvent(c).getFromOwner() != null
                && lastEvent(c).getFromOwner().equals(leaver)).findFirst().orElseThrow();
        assertThat(lastEvent(moved).getReason()).contains("超额转移");
    }

    @Test
    void toThePoolEveryCustomerIsReleasedAndItsProtectionEnds() {
        String leaver = identities.newRep("hoPool", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 2);
        List<Customer> before = ownership.heldBy(leaver);

        ProcessInstance handover = start(MGR_A, leaver, "POOL", "", false, false);
        assertThat((String) runtimeService.getVariable(handover.getId(), PREVIEW_SUMMARY))
                .contains("全部释放到公海").contains("客户释放到公海，跟进任务随保护期结束");
        decide(handover, MGR_A, CONFIRM);
        runJobs(handover);

        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverDone");
        for (Customer old : before) {
            Customer now = customers.findById(old.getId()).orElseThrow();
            assertThat(now.getStatus()).isEqualTo(CustomerStatus.POOL);
            assertThat(now.getClaimableFrom()).as("publication rules apply").isNotNull();
            assertThat(runtimeService.createProcessInstanceQuery()
                    .processInstanceId(old.getProtectionProcessInstanceId()).count()).isZero();
            assertThat(lastEvent(now).getAction()).isEqualTo(OwnershipAction.RELEASED);
            assertThat(lastEvent(now).getActor()).isEqualTo(MGR_A);
        }
        assertThat(doneNotices(leaver, handover)).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("您名下的 2 个客户已释放到公海"));
    }

    @Test
    void theApiStartsAtTheMessageAlreadyConfirmedAndAnAdminMayHandOverAnyone() {
        String leaver = identities.newRep("hoApi", TEAM_B);
        String receiver = identities.newRep("hoApiTo", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_B, 2);

        Long id = handoverService.start(directoryActor(ADMIN),
                HandoverRequest.of(leaver, "ONE", List.of(receiver), false, false));

        ProcessInstance handover = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id.toString())
                .processDefinitionKey(PROCESS_KEY).singleResult();
        assertThat(handover).hasPassed("StartEvent_HandoverRequested", "Task_StartHandover")
                .hasNotPassed("Task_PlanHandover", "Task_ConfirmHandover").isWaitingAt("Task_ReassignTasks");
        runJobs(handover);
        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverDone");
        assertThat(ownership.heldBy(receiver)).hasSize(2)
                .allSatisfy(c -> assertThat(c.getOwnerTeam()).isEqualTo(TEAM_A));
    }

    @Test
    void aHandoverWithNoCustomersEndsDoneWithoutMoveJobs() {
        String leaver = identities.newRep("hoEmpty", TEAM_A);
        ProcessInstance handover = start(MGR_A, leaver, "POOL", null, false, true);
        decide(handover, MGR_A, CONFIRM);
        runJobs(handover);
        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverDone");
        assertThat(groupsOf(leaver)).containsExactly(HandoverService.DEPARTED_GROUP);
    }

    @Test
    void theLeaversOpenRegistrationsAndClaimsAreClosedAndNoTaskIsLeftWithThem() {
        String leaver = identities.newRep("hoTasks", TEAM_A);
        String colleague = identities.newRep("hoTasksCol", TEAM_A);
        String receiver = identities.newRep("hoTasksTo", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 1);
        // a conflict: a colleague holds the company the leaver registered
        String taken = Processes.uniqueName("交接撞单");
        Customer held = new Customer(taken, Grade.B, Instant.now());
        held.updateDetails(taken, null, "赵先生", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        ownership.importCustomer(held, new OwnershipService.ImportedOwner(colleague, TEAM_A), "测试导入", "test");
        ProcessInstance conflict = submitAndCheck(leaver, taken);
        assertThat(conflict).isWaitingAt("Task_ResolveConflict");
        // one in review, one sent back for revision
        ProcessInstance inReview = submitAndCheck(leaver, Processes.uniqueName("交接待审"));
        ProcessInstance revise = submitAndCheck(leaver, Processes.uniqueName("交接退回"));
        processes.asUser(MGR_A, () -> {
            Task review = taskService.createTaskQuery().processInstanceId(revise.getId()).singleResult();
            taskService.claim(review.getId(), MGR_A);
            taskService.complete(review.getId(), Map.of(RegistrationVariables.REVIEW_DECISION, "REVISE",
                    RegistrationVariables.REVIEW_REASON, "请补充联系人"));
        });
        assertThat(revise).isWaitingAt("Task_ReviseRegistration");
        // a pool search waiting for the leaver's choice
        ProcessInstance claim = processes.as(leaver, () -> runtimeService.startProcessInstanceByKey(
                PoolClaimVariables.PROCESS_KEY, Map.of(PoolClaimVariables.SEARCH_TEXT, "不存在的公司名")));
        assertThat(claim).isWaitingAt("Task_ChooseCustomer");

        ProcessInstance handover = start(MGR_A, leaver, "ONE", receiver, false, true);
        String preview = (String) runtimeService.getVariable(handover.getId(), PREVIEW_SUMMARY);
        assertThat(preview).contains("撞单处理 1 个 → 撞单处理：代为撤回报备")
                .contains("审核报备 1 个 → 待审核的报备：以发起交接的主管名义驳回")
                .contains("修改报备 1 个 → 退回修改或查重中的报备：撤回（报备人已离职）")
                .contains("选择公海客户 1 个 → 选择公海客户：代为放弃领取");
        decide(handover, MGR_A, CONFIRM);
        runJobs(handover);

        assertThat(handover).isEnded().hasPassed("EndEvent_HandoverDone");
        assertThat(conflict).isEnded().hasPassed("Task_WithdrawRegistration");
        assertThat(registrationOf(conflict).getStatus()).isEqualTo(RegistrationStatus.WITHDRAWN);
        assertThat(inReview).isEnded().hasPassed("Task_AcknowledgeRejection", "EndEvent_Rejected");
        Registration rejected = registrationOf(inReview);
        assertThat(rejected.getStatus()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(revise).isEnded().hasPassed("Task_RecordWithdrawal", "EndEvent_WithdrawnFromOutside");
        Registration withdrawn = registrationOf(revise);
        assertThat(withdrawn.getStatus()).as("withdrawn, not left as 退回修改").isEqualTo(RegistrationStatus.WITHDRAWN);
        assertThat(withdrawn.getRefusalReason()).startsWith("离职交接 #").endsWith(" 已离职");
        assertThat(claim).isEnded().hasPassed("EndEvent_ClaimCancelled");
        assertThat(taskService.createTaskQuery().taskAssignee(leaver).count()).isZero();
        assertThat(ownership.heldBy(receiver)).hasSize(1);
        assertThat(auditActions(businessKey(handover))).contains("HANDOVER_TASK_WITHDRAW", "HANDOVER_TASK_REJECT_REVIEW",
                "HANDOVER_TASK_ACKNOWLEDGE", "HANDOVER_TASK_CANCEL_REGISTRATION", "HANDOVER_TASK_CANCEL_CLAIM");
    }

    @Test
    void aMoveThatRunsAgainOrFindsItsCustomerGoneChangesNothingTwice() {
        String leaver = identities.newRep("hoIdem", TEAM_A);
        String receiver = identities.newRep("hoIdemTo", TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TEAM_A, 3);
        List<Customer> held = ownership.heldBy(leaver);

        ProcessInstance handover = start(MGR_A, leaver, "ONE", receiver, false, false);
        decide(handover, MGR_A, CONFIRM);
        executeJob(handover, "Task_ReassignTasks");
        // meanwhile: one customer was already given to the receiver, one released by the leaver
        ownership.transfer(held.get(0).getId(), receiver, "提前转移", false, OwnershipSource.TRANSFER, MGR_A);
        ownership.release(held.get(1).getId(), leaver, "客户无需求", null);
        runJobs(handover);

        Long id = Long.valueOf(businessKey(handover));
        HandoverService.View view = handoverService.view(id, directoryActor(MGR_A));
        assertThat(view.state()).isEqualTo(HandoverState.PARTIAL);
        assertThat(view.moved()).isEqualTo(2);
        assertThat(view.notMoved()).singleElement().satisfies(n -> {
            assertThat(n.customerId()).isEqualTo(held.get(1).getId());
            assertThat(n.reason()).contains("已回到公海");
        });
        assertThat(ownership.historyOf(held.get(0).getId())).filteredOn(e -> e.getAction() == OwnershipAction.TRANSFERRED)
                .as("transferred once, not again by the handover").hasSize(1);
        // a job of the same item that runs again (a retry after a crash) leaves it alone
        long events = ownership.historyOf(held.get(2).getId()).size();
        handoverService.moveItem(id, 2, handover.getId());
        assertThat(ownership.historyOf(held.get(2).getId())).hasSize((int) events);
    }

    @Test
    void theStartFormIsCheckedLikeTheApi() {
        String leaver = identities.newRep("hoRules", TEAM_A);
        String otherTeam = identities.newRep("hoRulesB", TEAM_B);
        assertThatThrownBy(() -> start(MGR_A, leaver, "EVEN", otherTeam, false, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("不在您管理的团队中");
        assertThatThrownBy(() -> start(MGR_A, leaver, "ONE", "", false, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("恰好一位接收人");
        assertThatThrownBy(() -> start(MGR_B, leaver, "POOL", "", false, false))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> start(REP_A1, leaver, "POOL", "", false, false))
                .as("reps may not start it").isInstanceOf(ProcessEngineException.class);
        assertThat(handovers.findAll()).noneMatch(h -> h.getFromUser().equals(leaver));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The HANDOVER_DONE notifications of {@code user} about this handover (MGR_A has those of other tests too). */
    private List<Notifications.View> doneNotices(String user, ProcessInstance handover) {
        return notifications.of(user, 0, 100).getContent().stream()
                .filter(n -> n.kind() == NotificationKind.HANDOVER_DONE && businessKey(handover).equals(n.objectId()))
                .toList();
    }

    private ProcessInstance start(String manager, String leaver, String mode, String receivers, boolean overrideQuota,
                                  boolean disableUser) {
        Map<String, Object> form = new HashMap<>();
        form.put(FROM_USER, leaver);
        form.put(MODE, mode);
        form.put(RECEIVERS, receivers);
        form.put(OVERRIDE_QUOTA, overrideQuota);
        form.put(DISABLE_USER, disableUser);
        return processes.as(manager, () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, form));
    }

    private void decide(ProcessInstance handover, String manager, String decision) {
        processes.asUser(manager, () -> taskService.complete(task(handover).getId(), Map.of(DECISION, decision)));
    }

    /** Runs the handover's jobs until none is left, as the job executor would (one after the other: exclusive). */
    private void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 10_000; round++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            managementService.executeJob(jobs.get(0).getId());
        }
        throw new AssertionError("jobs do not end");
    }

    private void executeJob(ProcessInstance instance, String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
        managementService.executeJob(job.getId());
    }

    private ProcessInstance submitAndCheck(String rep, String companyName) {
        ProcessInstance registration = processes.submit(rep, Processes.validForm(companyName));
        processes.executeJob(registration);
        return registration;
    }

    private Registration registrationOf(ProcessInstance instance) {
        return registrations.findAll().stream().filter(r -> instance.getId().equals(r.getProcessInstanceId()))
                .findFirst().orElseThrow();
    }

    private String businessKey(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getBusinessKey();
    }

    private List<String> groupsOf(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private Actor directoryActor(String user) {
        return directory.actor(user);
    }

    private OwnershipEvent lastEvent(Customer customer) {
        List<OwnershipEvent> events = ownership.historyOf(customer.getId());
        return events.get(events.size() - 1);
    }

    private List<String> auditActions(String handoverId) {
        return auditOf("HANDOVER", handoverId).stream().map(AuditEntry::getAction).toList();
    }

    private List<AuditEntry> auditOf(String objectType, String objectId) {
        return audit.search(null, objectType, objectId, null, null, PageRequest.of(0, 100)).getContent();
    }
}
