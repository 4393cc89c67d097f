package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Groups;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * The follow-up task of a customer in its last days, as its owner 王芳 sees it: the countdown "保护期还剩 3 天（至 …）"
 * and the choice 申请延期 with its two fields, which replace the contact fields. Screenshots in
 * target/screenshots/deadlines.
 */
@BaobeiWebTest
@Tag("browser")
class DeadlineBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("deadlines");

    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired Clock clock;

    @Test
    void aCustomerInItsLastDaysShowsTheCountdownAndOffersAnExtension(Tasklist tasklist) {
        String login = "wangfang" + Long.toString(System.nanoTime(), 36);
        identities.person(login, "王", "芳", Groups.SALES, TestIdentities.TEAM_A);
        String company = "倒计时浏览器测试科技有限公司" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        Customer customer = new Customer(company, Grade.B, Instant.now(clock));
        customer.updateDetails(company, null, "刘先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        // grade B reminds 7 days before the end: a protection ending in 3 days is in its last days
        Instant now = Instant.now(clock);
        ownership.importCustomer(customer, new OwnershipService.ImportedOwner(login, TestIdentities.TEAM_A,
                now.minus(Duration.ofDays(57)), now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(2))),
                "测试数据", "test");

        tasklist.step("rep-login", () -> tasklist.login(login, "王"));
        tasklist.step("follow-up-last-days", () -> tasklist.openTask("我的任务", "客户跟进", "公司名称", company));

        String countdown = tasklist.inputOf("保护期倒计时").getAttribute("value");
        assertThat(countdown).startsWith("保护期还剩 3 天（至 ").endsWith("），到期前未成交将回收到公海");
        assertThat(tasklist.inputOf("保护期倒计时").isEnabled()).isFalse();
        assertThat(tasklist.field("申请延期天数")).as("only for 申请延期").isEmpty();

        tasklist.step("extension-chosen", () -> {
            tasklist.chooseRadio("跟进结果", "申请延期（由主管审批）");
            tasklist.fieldGroup("申请延期天数");
        });
        assertThat(tasklist.field("跟进方式")).isEmpty();
        assertThat(tasklist.field("下次计划联系日期")).isEmpty();
        assertThat(tasklist.field("跟进内容（释放时填写原因）")).isEmpty();
        for (String label : new String[] {"申请延期天数", "申请延期的原因"}) {
            assertThat(tasklist.fieldGroup(label).findElement(By.cssSelector(".fjs-form-field-label")).getText())
                    .as(label + " marked required").contains("*");
        }
        tasklist.step("extension-filled", () -> {
            tasklist.type("申请延期天数", "15");
            tasklist.type("申请延期的原因", "客户预算审批推迟到下月");
        });
    }
}
