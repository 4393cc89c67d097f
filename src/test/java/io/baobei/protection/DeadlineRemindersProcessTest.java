package io.baobei.protection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.baobei.common.DisplayTimes;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerResponse;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.EngineClock;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.protection.ProtectionVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * The reminder and warning timers of the follow-up task (lead times of grade B in ProtectionPolicy.dmn: follow-up
 * reminder 72 h, protection reminder 7 days, manager escalation 2 days, unconverted share 0.6), each fired by moving
 * the engine's clock past its date: who is told, once per deadline, with the task linked; the countdown in the task
 * and in the API; the unconverted flag; the timers following an extension; the 申请延期 choice.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DeadlineRemindersProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired Notifications notifications;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired UserDirectory directory;
    @Autowired ProtectionPolicy policy;
    @Autowired ProtectionReminders reminders;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;

    private TestIdentities.Team team;
    private String owner;
    private String name;
    private Long customerId;
    private ProcessInstance protection;

    @BeforeEach
    void protectACustomerOfAFreshTeam() {
        init(engine);
        team = identities.newTeam("dl");
        owner = team.rep1();
        name = Processes.uniqueName("深圳市期限提醒");
        Customer customer = new Customer(name, Grade.B, Instant.now());
        customer.updateDetails(name, null, "赵女士", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        customerId = ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team.id()), "测试导入",
                "test").getId();
        protection = runtimeService.createProcessInstanceQuery()
                .processInstanceId(customer().getProtectionProcessInstanceId()).singleResult();
    }

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }

    @Test
    void theOwnerIsRemindedBeforeTheFollowUpDeadlineWithTheTaskLinked() {
        Customer customer = customer();
        Task open = task(protection);
        fire(FOLLOW_UP_REMINDER_TIMER, customer.getNextFollowUpDue().minus(Duration.ofHours(72)));
        assertThat(protection).isWaitingAt("Task_FollowUp", "Task_RemindFollowUp");
        runTask("Task_RemindFollowUp");

        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("EndEvent_FollowUpReminded");
        assertThat(task(protection).getId()).as("non-interrupting: the same task").isEqualTo(open.getId());
        assertThat(notifications.of(owner, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.FOLLOW_UP_DUE);
            assertThat(n.title()).contains(name);
            assertThat(n.body()).contains(DisplayTimes.minute(customer.getNextFollowUpDue(), java.time.Clock.system(
                    java.time.ZoneId.of("Asia/Shanghai")))).doesNotContain("赵女士");
            assertThat(n.taskId()).isEqualTo(open.getId());
        });
        assertThat(notifications.of(team.manager(), 0, 10).getContent()).as("the owner first").isEmpty();

        // a recorded follow-up is a new deadline with a reminder of its own, at its own date
        recordFollowUp();
        Customer after = customer();
        assertThat(timer(FOLLOW_UP_REMINDER_TIMER).getDuedate())
                .isEqualTo(Date.from(after.getNextFollowUpDue().minus(Duration.ofHours(72))));
    }

    @Test
    void theProtectionReminderIsSentOnceAndTheTaskShowsTheCountdownInTheLastDays() {
        Customer customer = customer();
        String untilText = (String) runtimeService.getVariable(protection.getId(), PROTECTED_UNTIL_TEXT);
        assertThat(taskService.getVariableLocal(task(protection).getId(), COUNTDOWN_TEXT)).as("not yet").isEqualTo("");

        fire(PROTECTION_REMINDER_TIMER, customer.getProtectedUntil().minus(Duration.ofDays(7)));
        runTask("Task_RemindProtectionEnding");

        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("EndEvent_ProtectionReminded");
        assertThat(taskService.getVariableLocal(task(protection).getId(), COUNTDOWN_TEXT))
                .isEqualTo("保护期还剩 7 天（至 " + untilText + "），到期前未成交将回收到公海");
        assertThat(notifications.of(owner, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.PROTECTION_ENDING);
            assertThat(n.body()).contains("还剩 7 天").contains(untilText);
        });

        // the next follow-up task is created with its timers anew: the countdown shows at once, and the reminder,
        // whose date has passed, fires at once and tells nobody a second time
        recordFollowUp();
        Task next = task(protection);
        assertThat((String) taskService.getVariableLocal(next.getId(), COUNTDOWN_TEXT)).startsWith("保护期还剩 7 天");
        Job again = timer(PROTECTION_REMINDER_TIMER);
        assertThat(again.getDuedate()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
        managementService.executeJob(again.getId());
        runTask("Task_RemindProtectionEnding");
        assertThat(notifications.of(owner, 0, 10).getContent()).filteredOn(n -> n.kind() == NotificationKind.PROTECTION_ENDING)
                .hasSize(1);
    }

    @Test
    void beforeTheReclaimTheTeamsManagersAreToldTooAndNoOneElse() {
        Customer customer = customer();
        // grade B: the follow-up deadline (10 days) comes before the end (60 days), so it is the reclaim
        fire(MANAGER_ESCALATION_TIMER, customer.getNextFollowUpDue().minus(Duration.ofDays(2)));
        runTask("Task_EscalateToManager");

        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("EndEvent_ManagerEscalated");
        assertThat(notifications.of(owner, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.RECLAIM_SOON);
            assertThat(n.body()).contains(name).contains("超时未跟进");
            assertThat(n.taskId()).isEqualTo(task(protection).getId());
        });
        assertThat(notifications.of(team.manager(), 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.RECLAIM_ESCALATED);
            assertThat(n.body()).contains(directory.name(owner)).contains(name).contains("超时未跟进")
                    .doesNotContain("赵女士");
        });
        assertThat(notifications.of(team.rep2(), 0, 10).getContent()).as("a colleague").isEmpty();
        assertThat(notifications.of(TestIdentities.MGR_A, 0, 50).getContent()).as("another team's manager")
                .noneMatch(n -> customerId.toString().equals(n.objectId()));

        // published again (a retried job): nobody hears it twice
        reminders.remind(DeadlineReminder.MANAGER_ESCALATION, customerId, protection.getId(), null, Instant.now());
        assertThat(notifications.of(team.manager(), 0, 10).getTotalElements()).isEqualTo(1);
        assertThat(notifications.of(owner, 0, 10).getTotalElements()).isEqualTo(1);
    }

    @Test
    void aCustomerProtectedLongWithoutADealIsFlaggedToOwnerAndManagerOnce() throws Exception {
        Customer customer = customer();
        JsonNode before = json.valueToTree(CustomerResponse.of(customer, directory.actor(owner), Instant.now()));
        assertThat(before.path("unconvertedWarning").asBoolean()).isFalse();
        // the countdown of a fresh grade-B customer: 60 days to the end, 240 hours to the follow-up deadline
        assertThat(before.path("countdown").path("protectionDaysLeft").asLong()).isEqualTo(60);
        assertThat(before.path("countdown").path("followUpDueInHours").asLong()).isEqualTo(240);
        long period = Duration.between(customer.getProtectedSince(), customer.getProtectedUntil()).getSeconds();

        fire(UNCONVERTED_WARNING_TIMER, customer.getProtectedSince().plusSeconds(Math.round(period * 0.6)));
        runTask("Task_WarnUnconverted");

        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("EndEvent_UnconvertedWarned");
        JsonNode after = json.valueToTree(CustomerResponse.of(customer(), directory.actor(team.manager()), Instant.now()));
        assertThat(after.path("unconvertedWarning").asBoolean()).isTrue();
        assertThat(notifications.of(owner, 0, 10).getContent()).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(NotificationKind.UNCONVERTED_WARNING));
        assertThat(notifications.of(team.manager(), 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.UNCONVERTED_WARNING);
            assertThat(n.body()).contains(directory.name(owner)).contains("已受保护 36 天仍未成交");
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where object_type = 'CUSTOMER'"
                + " and object_id = ? and action = 'UNCONVERTED_WARNING'", Long.class, customerId.toString())).isEqualTo(1);

        reminders.remind(DeadlineReminder.UNCONVERTED, customerId, protection.getId(), null, Instant.now());
        assertThat(notifications.of(team.manager(), 0, 10).getTotalElements()).as("once per protection").isEqualTo(1);

        // a won deal is no longer a protected customer: no flag
        ownership.convert(customerId, null, new io.baobei.customer.Deal(new java.math.BigDecimal("1000"),
                LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))), "成交", owner);
        assertThat(CustomerResponse.of(customer(), directory.actor(owner), Instant.now()))
                .satisfies(r -> {
                    assertThat(r.unconvertedWarning()).isFalse();
                    assertThat(r.countdown()).isNull();
                });
    }

    @Test
    void anExtensionReDatesEveryTimerThatDependsOnTheEndAndTheReminderNamesTheNewEnd() {
        Customer customer = customer();
        Date followUpReminder = timer(FOLLOW_UP_REMINDER_TIMER).getDuedate();
        Date escalation = timer(MANAGER_ESCALATION_TIMER).getDuedate();
        Instant later = customer.getProtectedUntil().plus(Duration.ofDays(20));

        ownership.extendProtection(customerId, later, "客户采购流程延后", team.manager());

        long period = Duration.between(customer.getProtectedSince(), later).getSeconds();
        assertThat(timer(PROTECTION_EXPIRED_TIMER).getDuedate()).isEqualTo(Date.from(later));
        assertThat(timer(PROTECTION_REMINDER_TIMER).getDuedate()).isEqualTo(Date.from(later.minus(Duration.ofDays(7))));
        assertThat(timer(UNCONVERTED_WARNING_TIMER).getDuedate())
                .isEqualTo(Date.from(customer.getProtectedSince().plusSeconds(Math.round(period * 0.6))));
        // the follow-up deadline (and so the reclaim, which it comes first) did not move
        assertThat(timer(FOLLOW_UP_REMINDER_TIMER).getDuedate()).isEqualTo(followUpReminder);
        assertThat(timer(MANAGER_ESCALATION_TIMER).getDuedate()).isEqualTo(escalation);
        assertThat(runtimeService.getVariable(protection.getId(), PROTECTION_REMINDER_AT))
                .isEqualTo(Date.from(later.minus(Duration.ofDays(7))));

        fire(PROTECTION_REMINDER_TIMER, later.minus(Duration.ofDays(7)));
        runTask("Task_RemindProtectionEnding");
        String newEnd = (String) runtimeService.getVariable(protection.getId(), PROTECTED_UNTIL_TEXT);
        assertThat(notifications.of(owner, 0, 10).getContent()).singleElement()
                .satisfies(n -> assertThat(n.body()).contains(newEnd));
        assertThat((String) taskService.getVariableLocal(task(protection).getId(), COUNTDOWN_TEXT)).contains(newEnd);
    }

    @Test
    void aReminderForACustomerThatHasLeftTheProtectionTellsNobody() {
        String pid = protection.getId();
        ownership.release(customerId, owner, "客户已选定其他供应商", null);

        for (DeadlineReminder reminder : DeadlineReminder.values()) {
            reminders.remind(reminder, customerId, pid, null, Instant.now());
        }
        assertThat(notifications.of(owner, 0, 10).getContent()).isEmpty();
        assertThat(notifications.of(team.manager(), 0, 10).getContent()).isEmpty();
        assertThat(CustomerResponse.of(customer(), directory.actor(owner), Instant.now()).unconvertedWarning()).isFalse();
    }

    @Test
    void applyingForAnExtensionIsCheckedInTheFormAndHandedToTheExtensionRequest() {
        Task open = task(protection);
        Map<String, Object> form = new HashMap<>();
        form.put(FOLLOW_UP_ACTION, "EXTEND");
        form.put(EXTENSION_DAYS, 120);
        form.put(EXTENSION_REASON, " ");
        assertThatThrownBy(() -> complete(open, form)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("申请延期天数应为 1 到 90 之间的整数").hasMessageContaining("请填写申请延期的原因")
                .hasMessageNotContaining("跟进方式").hasMessageNotContaining("跟进内容");
        assertThat(protection).isWaitingAt("Task_FollowUp");

        form.put(EXTENSION_DAYS, 15.0);
        form.put(EXTENSION_REASON, " 客户预算审批推迟到下月 ");
        complete(open, form);

        assertThat(protection).isWaitingAt("Task_RequestExtension").hasPassed("Task_CheckFollowUp");
        assertThat(processes.variables(protection)).containsEntry(EXTENSION_DAYS, 15)
                .containsEntry(EXTENSION_REASON, "客户预算审批推迟到下月").containsEntry(OWNER, owner)
                .containsEntry(CUSTOMER_ID, customerId);

        // the extension feature's delegate takes it: a request waiting for the team's manager, the owner keeps working
        processes.executeJob(protection);
        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("Task_RequestExtension");
        ProcessInstance extension = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey("ProtectionExtensionProcess").variableValueEquals(CUSTOMER_ID, customerId)
                .singleResult();
        assertThat(extension).as("an extension request for this customer").isNotNull();
        assertThat(extension).isWaitingAt("Task_DecideExtension");
        assertThat(runtimeService.getVariable(extension.getId(), EXTENSION_DAYS)).isEqualTo(15);
        assertThat(processes.variables(protection)).doesNotContainKeys(EXTENSION_DAYS, EXTENSION_REASON);
    }

    @Test
    void everyGradeTellsTheOwnerBeforeTheManager() {
        for (Grade grade : Grade.values()) {
            ProtectionPolicy.Reminders r = policy.reminders(grade);
            assertThat(r.managerEscalation()).as("grade %s", grade).isLessThanOrEqualTo(r.protectionReminder())
                    .isLessThanOrEqualTo(r.followUpReminder());
            assertThat(r.unconvertedShare()).isBetween(0.0, 1.0);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private Customer customer() {
        return customers.findById(customerId).orElseThrow();
    }

    private Job timer(String activityId) {
        Job timer = managementService.createJobQuery().processInstanceId(protection.getId()).timers()
                .activityId(activityId).singleResult();
        assertThat(timer).as(activityId).isNotNull();
        return timer;
    }

    /** The timer is dated {@code at}: not due a minute before it, due a minute after; fired then. */
    private void fire(String activityId, Instant at) {
        Job timer = timer(activityId);
        assertThat(timer.getDuedate()).as(activityId).isEqualTo(Date.from(at));
        EngineClock.set(at.minusSeconds(60));
        assertThat(due(activityId)).isEmpty();
        EngineClock.set(at.plusSeconds(60));
        assertThat(due(activityId)).singleElement();
        managementService.executeJob(timer.getId());
    }

    private List<Job> due(String activityId) {
        return managementService.createJobQuery().processInstanceId(protection.getId()).timers().activityId(activityId)
                .duedateLowerThan(ClockUtil.getCurrentTime()).list();
    }

    /** Runs the asynchronous continuation of a service task. */
    private void runTask(String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(protection.getId()).activityId(activityId)
                .singleResult();
        assertThat(job).as(activityId).isNotNull();
        managementService.executeJob(job.getId());
    }

    private void recordFollowUp() {
        Map<String, Object> form = new HashMap<>();
        form.put(FOLLOW_UP_ACTION, "RECORD");
        form.put(CHANNEL, "PHONE");
        form.put(CONTENT, "电话沟通");
        form.put(NEXT_CONTACT_DATE, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3).toString());
        complete(task(protection), form);
        runTask("Task_RecordFollowUp");
        assertThat(protection).isWaitingAt("Task_FollowUp");
    }

    private void complete(Task task, Map<String, Object> variables) {
        processes.asUser(owner, () -> taskService.complete(task.getId(), variables));
    }
}
