package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Groups;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * People by name in Tasklist: a manager sees the colleague who claimed a review as 陈静, not as a login. The
 * follow-up task as the rep 李明 sees it: his name (not his login) as the task's assignee, the
 * customer's earlier follow-up read-only, 下次计划联系日期 marked required, and 已成交 asking for the deal (amount,
 * signing date, confirmation) before the customer is converted with it. Screenshots in target/screenshots/follow-up.
 */
@BaobeiWebTest
@Tag("browser")
class FollowUpBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("follow-up");

    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired Clock clock;

    @Test
    void liMingSeesHisNameEarlierFollowUpsAndRecordsAWonDeal(Tasklist tasklist) {
        String login = "liming" + Long.toString(System.nanoTime(), 36);
        identities.person(login, "李", "明", Groups.SALES, TestIdentities.TEAM_A);
        String company = "跟进浏览器测试科技有限公司" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        Customer customer = new Customer(company, Grade.B, Instant.now(clock));
        customer.updateDetails(company, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        // protected for some days already: the browser's "today" (this machine's zone) may be Shanghai's yesterday,
        // and a deal is not signed before the protection began
        Instant since = Instant.now(clock).minus(Duration.ofDays(5));
        Customer held = ownership.importCustomer(customer, new OwnershipService.ImportedOwner(login,
                TestIdentities.TEAM_A, since, since.plus(Duration.ofDays(45)), Instant.now(clock).plus(Duration.ofDays(10))),
                "测试数据", "test");
        // an earlier follow-up, recorded as 李明 would: the task he opens next shows it
        String pid = held.getProtectionProcessInstanceId();
        String first = taskService.createTaskQuery().processInstanceId(pid).singleResult().getId();
        Map<String, Object> earlier = new HashMap<>(Map.of(ProtectionVariables.FOLLOW_UP_ACTION, "RECORD",
                ProtectionVariables.CHANNEL, "PHONE", ProtectionVariables.CONTENT, "电话沟通，客户预算已批",
                ProtectionVariables.NEXT_CONTACT_DATE, LocalDate.now(clock).plusDays(3).toString()));
        processes.asUser(login, () -> taskService.complete(first, earlier));
        awaitNextFollowUpTask(pid, first);

        tasklist.step("rep-login", () -> tasklist.login(login, "李"));
        tasklist.step("follow-up-task", () -> tasklist.openTask("我的任务", "客户跟进", "公司名称", company));

        // people by name: the task's assignee and the task card read 李明, never the login
        String assignee = tasklist.driver().findElement(By.cssSelector(".task-card li.assignee")).getText();
        assertThat(assignee.replaceAll("\\s", "")).isEqualTo("李明");
        assertThat(tasklist.taskListText()).doesNotContain(login);
        assertThat(tasklist.driver().findElement(By.cssSelector(".tasks-list h5.assignee")).getText()
                .replaceAll("\\s", "")).isEqualTo("李明");

        // the earlier follow-up, read-only, with who and how
        String history = tasklist.inputOf("此前跟进记录（最近 10 条，最新在前）").getAttribute("value");
        assertThat(history).contains("电话 · 李明 · 计划下次联系 " + LocalDate.now(clock).plusDays(3))
                .contains("电话沟通，客户预算已批");
        assertThat(tasklist.inputOf("此前跟进记录（最近 10 条，最新在前）").isEnabled()).isFalse();
        assertThat(requiredMark(tasklist, "下次计划联系日期")).as("next contact date marked required").isTrue();
        assertThat(tasklist.field("成交金额（元）")).as("deal fields only for 已成交").isEmpty();

        tasklist.step("deal-won-chosen", () -> {
            tasklist.chooseRadio("跟进结果", "已成交");
            tasklist.fieldGroup("成交金额（元）");
        });
        assertThat(tasklist.field("下次计划联系日期")).isEmpty();
        for (String label : new String[] {"成交金额（元）", "签约日期", "确认已与客户签约", "跟进方式", "跟进内容（释放时填写原因）"}) {
            assertThat(requiredMark(tasklist, label)).as(label + " marked required").isTrue();
        }
        assertThat(tasklist.driver().findElement(By.cssSelector(".task-card .fjs-form")).getText())
                .contains("提交后客户标记为已成交，保护期结束，此操作不可撤销");
        tasklist.step("deal-filled", () -> {
            tasklist.select("跟进方式", "上门拜访");
            tasklist.type("成交金额（元）", "128000.5");
            tasklist.pickToday("签约日期");
            tasklist.scrollIntoView(tasklist.inputOf("确认已与客户签约")).click();
            tasklist.type("跟进内容（释放时填写原因）", "签订年度服务合同");
        });
        tasklist.step("deal-submitted", tasklist::complete);

        Customer won = awaitConverted(held.getId());
        assertThat(won.getOwner()).isEqualTo(login);
        // the browser's "today" (this machine) may differ from Shanghai's around midnight
        assertThat(won.getDeal().amount()).isEqualByComparingTo(new BigDecimal("128000.50"));
        assertThat(won.getDeal().signedOn()).isBetween(LocalDate.now(clock).minusDays(1), LocalDate.now(clock));
    }

    @Test
    void aManagerSeesTheColleagueWhoClaimedAReviewByName(Tasklist tasklist) {
        // a second manager of team A, added after start-up: mgrA's login reconciles the team's grants
        String colleague = "chenjing" + Long.toString(System.nanoTime(), 36);
        identities.person(colleague, "陈", "静", Groups.MANAGERS, TestIdentities.TEAM_A, Groups.reviewersOf(TestIdentities.TEAM_A));
        String company = Processes.uniqueName("审核人姓名测试");
        var registration = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));
        String review = awaitTask(registration.getId());
        processes.asUser(colleague, () -> taskService.claim(review, colleague));

        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("review-claimed-by-colleague", () -> tasklist.openTask("待我审核", "审核报备", "公司名称", company));

        String assignee = tasklist.driver().findElement(By.cssSelector(".task-card li.assignee")).getText();
        assertThat(assignee.replaceAll("\\s", "")).isEqualTo("陈静");
        assertThat(tasklist.taskListText()).doesNotContain(colleague);
    }

    /** form-js marks a required field with "*" in its label. */
    private static boolean requiredMark(Tasklist tasklist, String label) {
        return tasklist.fieldGroup(label).findElement(By.cssSelector(".fjs-form-field-label")).getText().contains("*");
    }

    /** The duplicate check runs on the job executor; then the review task opens. */
    private String awaitTask(String processInstanceId) {
        return Tasklist.awaitBackend("a task of " + processInstanceId, () -> java.util.Optional.ofNullable(
                taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult()).map(t -> t.getId()));
    }

    /** The job executor records the follow-up asynchronously; then the next follow-up task opens. */
    private void awaitNextFollowUpTask(String processInstanceId, String previousTaskId) {
        Tasklist.awaitBackend("the next follow-up task of " + processInstanceId, () -> java.util.Optional.ofNullable(
                taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult())
                .filter(t -> !t.getId().equals(previousTaskId)));
    }

    private Customer awaitConverted(Long customerId) {
        return Tasklist.awaitBackend("conversion of customer " + customerId, () -> customers.findById(customerId)
                .filter(c -> c.getStatus() == CustomerStatus.CONVERTED));
    }
}
