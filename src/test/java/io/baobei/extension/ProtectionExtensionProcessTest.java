package io.baobei.extension;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

import io.baobei.common.BusinessRuleException;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipEventRepository;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.identity.Groups;
import io.baobei.protection.ExtensionInput;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.extension.ExtensionVariables.*;
import static io.baobei.support.TestIdentities.MGR_A;
import static io.baobei.support.TestIdentities.TEAM_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of ProtectionExtensionProcess with the real policy (ExtensionPolicy.dmn) and the real protection process
 * of the customer: approved (the end and the protection's expiry timer move), rejected, over the limits (refused
 * without a task), the customer leaving the requester while the decision waits or before the approved extension
 * runs, and a manager asked to decide their own customer's extension. Each test protects a customer of a fresh rep.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ProtectionExtensionProcessTest {

    private static final String EXPIRY_TIMER = "BoundaryEvent_ProtectionExpired";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired Processes processes;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired OwnershipEventRepository ownershipEvents;
    @Autowired ExtensionService service;
    @Autowired ExtensionRequestRepository requests;
    @Autowired JdbcTemplate jdbc;

    private String rep;

    @BeforeEach
    void setUp() {
        init(engine);
        rep = identities.newRep("extRep", TEAM_A);
    }

    // --------------------------------------------------------------------------------------------- approved

    @Test
    void anApprovedExtensionMovesTheEndAndTheProtectionsExpiryTimer() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        Customer before = customers.findById(customerId).orElseThrow();
        Date timerBefore = expiryTimer(before).getDuedate();
        assertThat(timerBefore).isEqualTo(Date.from(before.getProtectedUntil()));

        ExtensionService.ExtensionView asked = submit(rep, customerId, 20, "客户采购流程延后到下季度");

        assertThat(asked.status()).isEqualTo(ExtensionStatus.PENDING);
        ProcessInstance extension = instanceOf(asked.id());
        assertThat(extension).isWaitingAt("Task_DecideExtension").hasPassed("Task_CheckExtensionLimits");
        Task decide = task(extension);
        assertThat(decide).hasCandidateGroup(Groups.reviewersOf(TEAM_A));
        assertThat(decide.getDueDate()).isBeforeOrEqualTo(Date.from(before.getProtectedUntil()))
                .isAfter(new Date());
        assertThat(taskService.getVariableLocal(decide.getId(), TASK_REQUESTED).toString()).startsWith("20 天 → 延至 ");
        assertThat(taskService.getVariableLocal(decide.getId(), TASK_REASON)).isEqualTo("客户采购流程延后到下季度");
        assertThat(taskService.getVariableLocal(decide.getId(), TASK_OWNER).toString()).contains(rep);
        // the requester's free text is shown, never kept in the history tables
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(extension.getId())
                .variableName(TASK_REASON).count()).isZero();
        // the team's managers hear that it waits, the requester does not
        assertThat(notified("extension:" + asked.id() + ":waiting:" + decide.getId())).contains(MGR_A)
                .doesNotContain(rep);

        decide(decide, MGR_A, "APPROVE", "同意，请尽快推进");
        assertThat(extension).isWaitingAt("Task_ExtendProtection");
        assertThat(requests.findById(asked.id()).orElseThrow().getStatus()).as("until the job has run")
                .isEqualTo(ExtensionStatus.PENDING);
        processes.executeJob(extension);

        assertThat(extension).isEnded().hasPassed("Task_RecordExtensionDecision", "Task_ExtendProtection",
                "EndEvent_ExtensionApproved");
        Customer after = customers.findById(customerId).orElseThrow();
        Instant expected = before.getProtectedUntil().plus(Duration.ofDays(20));
        assertThat(after.getProtectedUntil()).isEqualTo(expected);
        assertThat(after.getOwner()).isEqualTo(rep);
        assertThat(after.getNextFollowUpDue()).isEqualTo(before.getNextFollowUpDue());
        assertThat(expiryTimer(after).getDuedate()).as("the protection's expiry timer follows")
                .isEqualTo(Date.from(expected));
        ExtensionRequest done = requests.findById(asked.id()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(ExtensionStatus.APPROVED);
        assertThat(done.getDecidedBy()).isEqualTo(MGR_A);
        assertThat(done.getPreviousUntil()).isEqualTo(before.getProtectedUntil());
        assertThat(done.getNewUntil()).isEqualTo(expected);
        OwnershipEvent event = lastEvent(customerId);
        assertThat(event.getAction()).isEqualTo(OwnershipAction.EXTENDED);
        assertThat(event.getActor()).isEqualTo(MGR_A);
        assertThat(event.getReason()).contains("延期申请 #" + asked.id()).contains("客户采购流程延后到下季度");
        assertThat(notification("extension:" + asked.id() + ":decided", rep))
                .contains("已批准").contains("同意，请尽快推进").doesNotContain("王先生");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where object_type = 'EXTENSION' "
                + "and object_id = ? and action in ('EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'EXTENSION_APPROVED')",
                Long.class, asked.id().toString())).isEqualTo(3);
    }

    // --------------------------------------------------------------------------------------------- rejected

    @Test
    void aRejectionNeedsAReasonAndLeavesTheProtectionAsItWas() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        Customer before = customers.findById(customerId).orElseThrow();
        ExtensionService.ExtensionView asked = submit(rep, customerId, 10, "客户负责人出差");
        ProcessInstance extension = instanceOf(asked.id());
        Task decide = task(extension);

        assertThatThrownBy(() -> decide(decide, MGR_A, "REJECT", null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("驳回时请填写原因").satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .extracting(io.baobei.common.FieldError::field).containsExactly(EXTENSION_DECISION_REASON));
        assertThat(extension).isWaitingAt("Task_DecideExtension");

        decide(task(extension), MGR_A, "REJECT", "跟进记录不足，请先补充跟进");

        assertThat(extension).isEnded().hasPassed("EndEvent_ExtensionRejected").hasNotPassed("Task_ExtendProtection");
        ExtensionRequest done = requests.findById(asked.id()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(ExtensionStatus.REJECTED);
        assertThat(done.getDecisionReason()).isEqualTo("跟进记录不足，请先补充跟进");
        Customer after = customers.findById(customerId).orElseThrow();
        assertThat(after.getProtectedUntil()).isEqualTo(before.getProtectedUntil());
        assertThat(expiryTimer(after).getDuedate()).isEqualTo(Date.from(before.getProtectedUntil()));
        assertThat(notification("extension:" + asked.id() + ":decided", rep)).contains("已驳回")
                .contains("跟进记录不足");
        // a rejected request does not count: another one may be made and is pending again
        assertThat(submit(rep, customerId, 10, "客户已回来，重新申请").status()).isEqualTo(ExtensionStatus.PENDING);
    }

    // ------------------------------------------------------------------------------------------ the limits

    @Test
    void requestsOverThePolicysLimitsAreRefusedAtOnceWithoutATask() {
        Long gradeC = protectedCustomer(rep, TEAM_A, Grade.C);

        // C: at most 15 days each
        ExtensionService.ExtensionView tooLong = submit(rep, gradeC, 16, "需要更长时间");
        assertThat(tooLong.status()).isEqualTo(ExtensionStatus.REFUSED);
        assertThat(tooLong.message()).isEqualTo("C、D 级客户每次最多延期 15 天");
        ProcessInstance refused = instanceOf(tooLong.id());
        assertThat(refused).isEnded().hasPassed("Task_RefuseExtension", "EndEvent_ExtensionRefused")
                .hasNotPassed("Task_DecideExtension");
        assertThat(jdbc.queryForObject("select count(*) from notification where event_key = ?", Long.class,
                "extension:" + tooLong.id() + ":decided")).as("an API requester reads it in the answer").isZero();

        // C: once per protection period
        approve(submit(rep, gradeC, 15, "客户预算审批中"));
        ExtensionService.ExtensionView second = submit(rep, gradeC, 5, "再延几天");
        assertThat(second.status()).isEqualTo(ExtensionStatus.REFUSED);
        assertThat(second.message()).contains("最多延期 1 次");
        assertThat(taskService.createTaskQuery().processInstanceId(second.id() == null ? "-"
                : requests.findById(second.id()).orElseThrow().getProcessInstanceId()).count()).isZero();

        // A: twice per period, 30 days each
        Long gradeA = protectedCustomer(rep, TEAM_A, Grade.A);
        assertThat(submit(rep, gradeA, 31, "大项目").message()).isEqualTo("A 级客户每次最多延期 30 天");
        approve(submit(rep, gradeA, 30, "大项目招标"));
        approve(submit(rep, gradeA, 30, "招标延期"));
        assertThat(submit(rep, gradeA, 1, "第三次").message()).contains("最多延期 2 次");
    }

    @Test
    void aSecondRequestWhileOneIsPendingOrACustomerNotTheRequestersIsAConflictFromTheApi() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        submit(rep, customerId, 10, "第一次申请");
        assertThatThrownBy(() -> submit(rep, customerId, 10, "又一次申请")).isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("已有一份待审批的延期申请");
        String colleague = identities.newRep("extOther", TEAM_A);
        assertThatThrownBy(() -> submit(colleague, customerId, 10, "不是我的客户"))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("不在您的保护期中");
    }

    // ----------------------------------------------------------------------------- customer no longer theirs

    @Test
    void aTransferWhileTheDecisionWaitsEndsTheApprovalAsCancelled() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        ExtensionService.ExtensionView asked = submit(rep, customerId, 10, "客户采购延后");
        ProcessInstance extension = instanceOf(asked.id());
        String receiver = identities.newRep("extRecv", TEAM_A);

        ownership.transfer(customerId, receiver, "区域调整", false, OwnershipSource.TRANSFER, MGR_A);

        assertThat(extension).isEnded().hasPassed("BoundaryEvent_CustomerLeft", "Task_CancelExtension",
                "EndEvent_ExtensionCancelled").hasNotPassed("Task_RecordExtensionDecision");
        assertThat(taskService.createTaskQuery().processInstanceId(extension.getId()).count()).isZero();
        ExtensionRequest done = requests.findById(asked.id()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(ExtensionStatus.CANCELLED);
        assertThat(done.getMessage()).contains("转移");
        assertThat(notification("extension:" + asked.id() + ":decided", rep)).contains("已取消");
        // the new owner may ask for their own extension of the same period
        assertThat(submit(receiver, customerId, 10, "接手后需要时间").status()).isEqualTo(ExtensionStatus.PENDING);
    }

    @Test
    void aReclaimByTheProtectionsTimerEndsTheApprovalAsCancelled() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        ExtensionService.ExtensionView asked = submit(rep, customerId, 10, "客户采购延后");
        ProcessInstance extension = instanceOf(asked.id());
        Customer customer = customers.findById(customerId).orElseThrow();
        ProcessInstance protection = runtimeService.createProcessInstanceQuery()
                .processInstanceId(customer.getProtectionProcessInstanceId()).singleResult();

        processes.fireTimer(protection, EXPIRY_TIMER);
        while (managementService.createJobQuery().processInstanceId(protection.getId()).executable().count() > 0) {
            processes.executeJob(protection);
        }

        assertThat(customers.findById(customerId).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(extension).isEnded().hasPassed("EndEvent_ExtensionCancelled");
        assertThat(requests.findById(asked.id()).orElseThrow().getMessage()).contains("保护期到期回收");
    }

    @Test
    void aReleaseAfterTheApprovalButBeforeTheExtensionRunsCancelsItWithoutAnIncident() {
        Long customerId = protectedCustomer(rep, TEAM_A, Grade.B);
        ExtensionService.ExtensionView asked = submit(rep, customerId, 10, "客户采购延后");
        ProcessInstance extension = instanceOf(asked.id());
        decide(task(extension), MGR_A, "APPROVE", null);
        assertThat(extension).isWaitingAt("Task_ExtendProtection");

        ownership.release(customerId, rep, "客户已转向竞争对手", null);
        processes.executeJob(extension);

        assertThat(extension).isEnded().hasPassed("EndEvent_ExtensionApproved");
        assertThat(runtimeService.createIncidentQuery().processInstanceId(extension.getId()).count()).isZero();
        ExtensionRequest done = requests.findById(asked.id()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(ExtensionStatus.CANCELLED);
        assertThat(done.getNewUntil()).isNull();
        assertThat(lastEvent(customerId).getAction()).isEqualTo(OwnershipAction.RELEASED);
    }

    // ----------------------------------------------------------------------------------- who may decide

    @Test
    void aManagerNeverDecidesTheExtensionOfTheirOwnCustomer() {
        TestIdentities.Team team = identities.newTeam("extOwn");
        // a manager who is also a member of the team they manage holds a customer
        Long customerId = protectedCustomer(team.manager(), team.id(), Grade.B);
        ExtensionService.ExtensionView asked = submit(team.manager(), customerId, 10, "主管自己的客户");
        ProcessInstance extension = instanceOf(asked.id());
        Task decide = task(extension);
        assertThat(decide).hasCandidateGroup(Groups.reviewersOf(team.id()));
        assertThat(notified("extension:" + asked.id() + ":waiting:" + decide.getId()))
                .as("nobody is told to decide their own").doesNotContain(team.manager());

        // they can neither take the task nor complete it as one of its candidates
        // (the engine wraps a task listener's refusal; Tasklist shows the refusal found in the causes, a 409)
        assertThatThrownBy(() -> processes.asUser(team.manager(), () -> taskService.claim(decide.getId(), team.manager())))
                .hasRootCauseInstanceOf(BusinessRuleException.class).hasRootCauseMessage(ExtensionService.OWN_REQUEST);
        assertThat(task(extension).getAssignee()).isNull();
        assertThatThrownBy(() -> processes.asUser(team.manager(), () -> taskService.complete(decide.getId(),
                Map.of(EXTENSION_DECISION, "APPROVE"))))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("不能审批自己客户的延期申请");
        assertThat(extension).isWaitingAt("Task_DecideExtension");
        assertThat(requests.findById(asked.id()).orElseThrow().getDecidedBy()).isNull();

        // a second manager of that team decides it
        String second = team.id() + "mgr2";
        identities.person(second, "钱", "二", Groups.MANAGERS, team.id(), Groups.reviewersOf(team.id()));
        decide(task(extension), second, "APPROVE", null);
        processes.executeJob(extension);
        assertThat(requests.findById(asked.id()).orElseThrow().getStatus()).isEqualTo(ExtensionStatus.APPROVED);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Long protectedCustomer(String owner, String team, Grade grade) {
        String name = Processes.uniqueName("东莞市延期测试");
        Customer customer = new Customer(name, grade, Instant.now());
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省", grade);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team), "测试导入", "test")
                .getId();
    }

    private ExtensionService.ExtensionView submit(String requester, Long customerId, int days, String reason) {
        return service.submit(requester, customerId, null,
                ExtensionInput.read(days, reason, "days", "reason"), ExtensionChannel.API);
    }

    private ProcessInstance instanceOf(Long extensionId) {
        String id = requests.findById(extensionId).orElseThrow().getProcessInstanceId();
        assertThat(id).isNotNull();
        ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        if (running != null) {
            return running;
        }
        // ended: bpm-assert reads an ended instance from the history by its id
        return new ProcessInstance() {
            @Override public String getId() { return id; }
            @Override public String getProcessInstanceId() { return id; }
            @Override public String getRootProcessInstanceId() { return id; }
            @Override public String getProcessDefinitionId() { return null; }
            @Override public String getBusinessKey() { return extensionId.toString(); }
            @Override public String getCaseInstanceId() { return null; }
            @Override public boolean isSuspended() { return false; }
            @Override public boolean isEnded() { return true; }
            @Override public String getTenantId() { return null; }
            @Override public String getProcessDefinitionKey() { return PROCESS_KEY; }
        };
    }

    private void decide(Task task, String manager, String decision, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(EXTENSION_DECISION, decision);
        variables.put(EXTENSION_DECISION_REASON, reason);
        processes.asUser(manager, () -> {
            taskService.claim(task.getId(), manager);
            taskService.complete(task.getId(), variables);
        });
    }

    private void approve(ExtensionService.ExtensionView asked) {
        assertThat(asked.status()).as(asked.message()).isEqualTo(ExtensionStatus.PENDING);
        ProcessInstance extension = instanceOf(asked.id());
        decide(task(extension), MGR_A, "APPROVE", null);
        processes.executeJob(extension);
        assertThat(requests.findById(asked.id()).orElseThrow().getStatus()).isEqualTo(ExtensionStatus.APPROVED);
    }

    private Job expiryTimer(Customer customer) {
        return managementService.createJobQuery().processInstanceId(customer.getProtectionProcessInstanceId())
                .timers().activityId(EXPIRY_TIMER).singleResult();
    }

    private OwnershipEvent lastEvent(Long customerId) {
        List<OwnershipEvent> events = ownershipEvents.findByCustomerIdOrderByOccurredAtAscIdAsc(customerId);
        return events.get(events.size() - 1);
    }

    private List<String> notified(String key) {
        return jdbc.queryForList("select recipient from notification where event_key = ?", String.class, key);
    }

    private String notification(String key, String recipient) {
        return jdbc.queryForObject("select title || ' ' || body from notification where event_key = ? and recipient = ?",
                String.class, key, recipient);
    }
}
