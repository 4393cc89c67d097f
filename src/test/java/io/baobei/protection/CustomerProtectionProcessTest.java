package io.baobei.protection;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Deal;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipEventRepository;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.protection.ProtectionVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of CustomerProtectionProcess: follow-ups moving the deadline, deal won, release to the pool from the
 * follow-up task, both timers that reclaim the customer, and the ownership core acting from outside: a release that
 * ends the instance through its event subprocess, a transfer that keeps it running. Each test starts from a real
 * approved registration.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CustomerProtectionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired OwnershipEventRepository ownershipEvents;
    @Autowired FollowUpRepository followUps;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProtectionService protectionService;

    private String owner;
    private Long customerId;
    private ProcessInstance protection;

    @BeforeEach
    void protectANewCustomer() {
        init(engine);
        // a fresh owner per test: each test adds a protected customer, the shared reps' quota is left alone
        owner = identities.newRep("cpOwner", TestIdentities.TEAM_A);
        ProcessInstance registration = processes.submit(owner,
                Processes.validForm(Processes.uniqueName("惠州市西湖科技")));
        processes.executeJob(registration);
        Task review = task(registration);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of("reviewDecision", "APPROVE"));
        });
        processes.executeJob(registration);
        customerId = registrations.findByProcessInstanceId(registration.getId()).orElseThrow().getCustomerId();
        protection = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(customerId.toString()).singleResult();
    }

    @Test
    void followUpIsRecordedAndMovesTheDeadline() {
        assertThat(protection).isWaitingAt("Task_FollowUp");
        Task first = task(protection);
        assertThat(first).isAssignedTo(owner).hasDueDate(
                Date.from(customers.findById(customerId).orElseThrow().getNextFollowUpDue()));
        Date firstDue = first.getDueDate();

        complete(first, followUp("RECORD", "PHONE", "电话沟通，客户预算已批", LocalDate.now().plusDays(3).toString()));

        assertThat(protection).isWaitingAt("Task_RecordFollowUp");
        processes.executeJob(protection);
        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("Task_RecordFollowUp", "Gateway_FollowUpLoop");
        Task second = task(protection);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getDueDate()).isAfter(firstDue);
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId))
                .singleElement().satisfies(f -> {
                    assertThat(f.getChannel()).isEqualTo(FollowUpChannel.PHONE);
                    assertThat(f.getContent()).isEqualTo("电话沟通，客户预算已批");
                    assertThat(f.getAuthor()).isEqualTo(owner);
                });
        assertThat(processes.variables(protection)).doesNotContainKeys(CONTENT, CHANNEL, FOLLOW_UP_ACTION);
    }

    @Test
    void theFollowUpTaskShowsTheEarlierFollowUpsMostRecentFirstWithNamesAndKeepsThemOutOfHistory() {
        assertThat(taskService.getVariableLocal(task(protection).getId(), EARLIER_FOLLOW_UPS)).isEqualTo("暂无跟进记录");
        complete(task(protection), followUp("RECORD", "PHONE", "第一次电话沟通", LocalDate.now().plusDays(3).toString()));
        processes.executeJob(protection);
        complete(task(protection), followUp("RECORD", "WECHAT", "微信发送报价\n客户张女士 13912345678 回复考虑",
                LocalDate.now().plusDays(5).toString()));
        processes.executeJob(protection);

        Task third = task(protection);
        String earlier = (String) taskService.getVariableLocal(third.getId(), EARLIER_FOLLOW_UPS);
        assertThat(earlier).contains("微信 · " + owner + "测试 · 计划下次联系 " + LocalDate.now().plusDays(5))
                .contains("第一次电话沟通").contains("电话 · " + owner + "测试")
                .doesNotContain(owner + " ·");
        assertThat(earlier.indexOf("微信发送报价")).as("most recent first").isLessThan(earlier.indexOf("第一次电话沟通"));
        assertThat(earlier).startsWith(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        // task-local: not a variable of the process instance, so nobody reads it without the task
        assertThat(processes.variables(protection)).doesNotContainKey(EARLIER_FOLLOW_UPS);
        // the form shows it read-only: a completion cannot carry it
        assertThatThrownBy(() -> complete(third, Map.of(EARLIER_FOLLOW_UPS, "伪造的跟进记录", FOLLOW_UP_ACTION, "RECORD",
                CHANNEL, "PHONE", CONTENT, "x", NEXT_CONTACT_DATE, LocalDate.now().plusDays(1).toString())))
                .hasMessageContaining(EARLIER_FOLLOW_UPS);

        // notes may contain personal data: neither the notes nor their rendering reach the history tables
        var history = engine.getHistoryService();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protection.getId())
                .variableNameIn(CONTENT, EARLIER_FOLLOW_UPS).count()).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(protection.getId()).list())
                .noneMatch(d -> d instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate update
                        && List.of(CONTENT, EARLIER_FOLLOW_UPS).contains(update.getVariableName()));
    }

    @Test
    void onlyTheLastTenEarlierFollowUpsAreShown() {
        for (int i = 1; i <= 11; i++) {
            followUps.save(new FollowUp(customerId, owner, FollowUpChannel.PHONE, "第" + i + "次",
                    null, Instant.now().minusSeconds(3600L * (12 - i))));
        }
        String earlier = processes.as(owner, () -> protectionService.earlierFollowUpsText(customerId));
        assertThat(earlier).startsWith("共 11 条，以下为最近 10 条").contains("第11次")
                .doesNotContain("第1次\n").endsWith("第2次");
    }

    @Test
    void incompleteFollowUpIsRefusedAndTheTaskStaysOpen() {
        Task followUpTask = task(protection);

        assertThatThrownBy(() -> complete(followUpTask, followUp("RECORD", "", " ", null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("请选择跟进方式").hasMessageContaining("请填写跟进内容")
                .hasMessageContaining("请填写下次计划联系日期");
        assertThatThrownBy(() -> complete(followUpTask, followUp("RECORD", "PHONE", "ok", "2000-01-01")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("下次联系日期不能早于今天");

        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(taskService.createTaskQuery().taskId(followUpTask.getId()).count()).isEqualTo(1);
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId)).isEmpty();
    }

    @Test
    void dealWonEndsProtectionAsConvertedWithTheDeal() {
        LocalDate signedOn = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        complete(task(protection), deal("128000.5", signedOn.toString(), true));
        assertThat(protection).isWaitingAt("Task_MarkConverted");
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("Task_MarkConverted", "EndEvent_Converted");
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.CONVERTED);
        assertThat(customer.getOwner()).isEqualTo(owner);
        assertThat(customer.getDeal()).isEqualTo(new Deal(new java.math.BigDecimal("128000.50"), signedOn));
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(OwnershipAction.CONVERTED);
        assertThat(event.getActor()).isEqualTo(owner);
        assertThat(event.getReason()).isEqualTo("成交金额 128000.50 元，签约日期 " + signedOn + "；已确认与客户签约；签订年度合同");
        assertThat(jdbc.queryForObject("select reason from audit_entry where object_type = 'CUSTOMER' "
                + "and object_id = ? and action = 'CONVERTED'", String.class, customerId.toString())).isEqualTo(event.getReason());
    }

    @Test
    void dealWonWithoutTheDealOrItsConfirmationIsRefusedAndTheTaskStaysOpen() {
        Task followUpTask = task(protection);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        LocalDate protectionStart = LocalDate.ofInstant(customers.findById(customerId).orElseThrow().getProtectedSince(),
                java.time.ZoneId.of("Asia/Shanghai"));

        assertThatThrownBy(() -> complete(followUpTask, followUp("DEAL_WON", "VISIT", "签订年度合同", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("请填写成交金额")
                .hasMessageContaining("请填写签约日期").hasMessageContaining("请勾选“确认已与客户签约”");
        assertThatThrownBy(() -> complete(followUpTask, deal("-5", today.plusDays(1).toString(), true)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("成交金额必须大于 0")
                .hasMessageContaining("签约日期不能晚于今天");
        assertThatThrownBy(() -> complete(followUpTask, deal("100", protectionStart.minusDays(1).toString(), false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("签约日期不能早于保护期开始日期 " + protectionStart)
                .hasMessageContaining("确认已与客户签约");

        assertThat(protection).isWaitingAt("Task_FollowUp");
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(customer.getDeal()).isNull();
    }

    @Test
    void noFollowUpInTimeReclaimsTheCustomerToThePool() {
        processes.fireTimer(protection, "BoundaryEvent_FollowUpOverdue");

        assertThat(protection).isWaitingAt("Task_ReclaimOverdue");
        assertThat(taskService.createTaskQuery().processInstanceId(protection.getId()).count())
                .as("the owner's open follow-up task ends").isZero();
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("EndEvent_ReclaimedOverdue");
        assertReclaimed(OwnershipAction.RECLAIMED_NO_FOLLOW_UP);
    }

    @Test
    void endOfTheProtectionPeriodReclaimsTheCustomerToThePool() {
        processes.fireTimer(protection, "BoundaryEvent_ProtectionExpired");

        assertThat(protection).isWaitingAt("Task_ReclaimExpired");
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("EndEvent_ProtectionExpired");
        assertReclaimed(OwnershipAction.RECLAIMED_EXPIRED);
    }

    @Test
    void theOwnerReleasesTheCustomerFromTheFollowUpTask() {
        complete(task(protection), followUp("RELEASE", null, "客户已选定其他供应商", null));

        assertThat(protection).isWaitingAt("Task_ReleaseCustomer").hasPassed("Task_CheckFollowUp");
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("EndEvent_Released").hasNotPassed("EndEvent_ProtectionEnded");
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getOwner()).isNull();
        assertThat(customer.getProtectionProcessInstanceId()).isNull();
        assertThat(customer.getPoolReason()).isEqualTo(OwnershipAction.RELEASED);
        // published the next working day at 10:00 in Shanghai, drawn for two hours
        Instant expected = nextWorkingDayAtTen(customer.getInPoolSince());
        assertThat(customer.getClaimableFrom()).isEqualTo(expected);
        assertThat(customer.getDrawUntil()).isEqualTo(expected.plusSeconds(2 * 3600));
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(OwnershipAction.RELEASED);
        assertThat(event.getFromOwner()).isEqualTo(owner);
        assertThat(event.getToOwner()).isNull();
        assertThat(event.getActor()).isEqualTo(owner);
        assertThat(event.getReason()).isEqualTo("主动释放到公海：客户已选定其他供应商");
        assertPeriodEnded("RELEASED");
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId)).as("a release is no contact").isEmpty();
    }

    @Test
    void anExtensionMovesTheEndAndItsTimerWithoutRestartingTheInstance() {
        Task open = task(protection);
        Map<String, Date> timersBefore = timers();
        Customer before = customers.findById(customerId).orElseThrow();
        Instant later = before.getProtectedUntil().plus(java.time.Duration.ofDays(15));

        ownership.extendProtection(customerId, later, "客户采购流程延后", TestIdentities.MGR_A);

        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(task(protection).getId()).as("the same open task").isEqualTo(open.getId());
        // the timers that depend on the end follow it (grade B: reminder 7 days before); the follow-up ones stay
        assertThat(timers()).containsEntry("BoundaryEvent_ProtectionExpired", Date.from(later))
                .containsEntry("BoundaryEvent_ProtectionReminder", Date.from(later.minus(java.time.Duration.ofDays(7))))
                .containsEntry("BoundaryEvent_FollowUpOverdue", timersBefore.get("BoundaryEvent_FollowUpOverdue"))
                .containsEntry("BoundaryEvent_FollowUpReminder", timersBefore.get("BoundaryEvent_FollowUpReminder"));
        assertThat(timers().get("BoundaryEvent_UnconvertedWarning"))
                .isAfter(timersBefore.get("BoundaryEvent_UnconvertedWarning"));
        assertThat(processes.variables(protection)).containsEntry(PROTECTED_UNTIL, Date.from(later));
        Customer after = customers.findById(customerId).orElseThrow();
        assertThat(after.getProtectedUntil()).isEqualTo(later);
        assertThat(after.getOwner()).isEqualTo(owner);
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(OwnershipAction.EXTENDED);
        assertThat(event.getReason()).contains("客户采购流程延后");
        assertThat(event.getActor()).isEqualTo(TestIdentities.MGR_A);

        // an end that does not move later is refused and changes nothing
        assertThatThrownBy(() -> ownership.extendProtection(customerId, later, "重复", TestIdentities.MGR_A))
                .hasMessageContaining("必须晚于");
        assertThat(timers()).containsEntry("BoundaryEvent_ProtectionExpired", Date.from(later));
    }

    @Test
    void aReleaseFromOutsideEndsTheInstanceThroughItsEventSubprocess() {
        ownership.release(customerId, owner, "接口释放", null);

        assertThat(protection).isEnded().hasPassed("StartEvent_ProtectionEnded", "EndEvent_ProtectionEnded")
                .hasNotPassed("Task_ReleaseCustomer", "EndEvent_Released");
        assertThat(taskService.createTaskQuery().processInstanceId(protection.getId()).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(protection.getId()).count())
                .as("no timer left to reclaim it").isZero();
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getPoolReason()).isEqualTo(OwnershipAction.RELEASED);
        assertThat(lastEvent().getReason()).isEqualTo("主动释放到公海：接口释放");
        assertPeriodEnded("RELEASED");
    }

    @Test
    void aTransferKeepsTheInstanceAndItsDeadlinesAndHandsTheOpenTaskToTheReceiver() {
        String receiver = identities.newRep("cpRecv", TestIdentities.TEAM_A);
        Task open = task(protection);
        Map<String, Date> timersBefore = timers();
        assertThat(timersBefore).containsOnlyKeys(TIMER_DATES.keySet());
        Customer before = customers.findById(customerId).orElseThrow();

        ownership.transfer(customerId, receiver, "客户所在区域调整", false, OwnershipSource.TRANSFER, TestIdentities.MGR_A);

        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(protection).variables().containsEntry(OWNER, receiver);
        Task reassigned = task(protection);
        assertThat(reassigned.getId()).as("the same open task").isEqualTo(open.getId());
        assertThat(reassigned).isAssignedTo(receiver);
        assertThat(timers()).as("the clocks keep running").isEqualTo(timersBefore);
        Customer after = customers.findById(customerId).orElseThrow();
        assertThat(after.getOwner()).isEqualTo(receiver);
        assertThat(after.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(after.getProtectionProcessInstanceId()).isEqualTo(protection.getId());
        assertThat(after.getProtectedUntil()).isEqualTo(before.getProtectedUntil());
        assertThat(after.getNextFollowUpDue()).isEqualTo(before.getNextFollowUpDue());
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(OwnershipAction.TRANSFERRED);
        assertThat(event.getFromOwner()).isEqualTo(owner);
        assertThat(event.getToOwner()).isEqualTo(receiver);
        assertThat(event.getActor()).isEqualTo(TestIdentities.MGR_A);
        assertThat(jdbc.queryForObject("select owner from protection_period where active_customer_id = ?",
                String.class, customerId)).isEqualTo(receiver);

        // the receiver works the task from now on; the previous owner can neither see nor complete it
        assertThatThrownBy(() -> complete(reassigned, followUp("RELEASE", null, "前任负责人释放", null)))
                .isInstanceOf(AuthorizationException.class);
        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(processes.as(owner, () -> taskService.createTaskQuery().processInstanceId(protection.getId()).count()))
                .isZero();
        processes.asUser(receiver, () -> taskService.complete(reassigned.getId(),
                followUp("RECORD", "PHONE", "新负责人首次联系", LocalDate.now().plusDays(2).toString())));
        processes.executeJob(protection);
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId)).singleElement()
                .satisfies(f -> assertThat(f.getAuthor()).isEqualTo(receiver));
    }

    private void assertReclaimed(OwnershipAction action) {
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getOwner()).isNull();
        assertThat(customer.getProtectedUntil()).isNull();
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(action);
        assertThat(event.getFromOwner()).isEqualTo(owner);
        assertThat(event.getToOwner()).isNull();
        assertThat(event.getReason()).isNotBlank();
        assertThat(event.getActor()).isEqualTo(OwnershipEvent.SYSTEM);
    }

    private void assertPeriodEnded(String reason) {
        List<Map<String, Object>> periods = jdbc.queryForList("select ended_at, end_reason, active_customer_id "
                + "from protection_period where customer_id = ?", customerId);
        assertThat(periods).singleElement().satisfies(period -> {
            assertThat(period.get("ended_at")).isNotNull();
            assertThat(period.get("end_reason")).isEqualTo(reason);
            assertThat(period.get("active_customer_id")).isNull();
        });
    }

    /**
     * The due dates of the instance's timers by boundary event (the two that reclaim, the four reminders); fails on
     * a timer ProtectionVariables.TIMER_DATES does not name.
     */
    private Map<String, Date> timers() {
        Map<String, Date> dues = new HashMap<>();
        for (String event : TIMER_DATES.keySet()) {
            var timer = managementService.createJobQuery().processInstanceId(protection.getId()).timers()
                    .activityId(event).singleResult();
            if (timer != null) {
                dues.put(event, timer.getDuedate());
            }
        }
        assertThat(managementService.createJobQuery().processInstanceId(protection.getId()).timers().count())
                .isEqualTo(dues.size());
        return dues;
    }

    /** The spec of the default publication: the next Monday-to-Friday day after leaving, 10:00 Asia/Shanghai. */
    private static Instant nextWorkingDayAtTen(Instant leftAt) {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate day = LocalDate.ofInstant(leftAt, shanghai).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(shanghai).toInstant();
    }

    private OwnershipEvent lastEvent() {
        var events = ownershipEvents.findByCustomerIdOrderByOccurredAtAscIdAsc(customerId);
        return events.get(events.size() - 1);
    }

    private void complete(Task task, Map<String, Object> variables) {
        processes.asUser(owner, () -> taskService.complete(task.getId(), variables));
    }

    private static Map<String, Object> deal(String amount, String signedOn, boolean confirmed) {
        Map<String, Object> variables = followUp("DEAL_WON", "VISIT", "签订年度合同", null);
        variables.put(DEAL_AMOUNT, amount);
        variables.put(DEAL_SIGNED_ON, signedOn);
        variables.put(DEAL_CONFIRMED, confirmed);
        return variables;
    }

    private static Map<String, Object> followUp(String action, String channel, String content, String next) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FOLLOW_UP_ACTION, action);
        variables.put(CHANNEL, channel);
        variables.put(CONTENT, content);
        variables.put(NEXT_CONTACT_DATE, next);
        return variables;
    }
}
