package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * A rep claims a pool customer in Camunda Tasklist (zh locale): starts 领取公海客户, searches by part of the name,
 * picks the customer in the select that the search filled, claims it and gets its follow-up task. Then releases it
 * in that task and, claiming it again, is refused by the cooldown, shown in Chinese on the choice form. Screenshots
 * of every step land in target/screenshots/pool-claim. No step may make the browser report a
 * Content-Security-Policy violation.
 */
@BaobeiWebTest
@Tag("browser")
class PoolClaimBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("pool-claim");
    private static final String SEARCH = "深圳星河";

    @Autowired
    OwnershipService ownership;
    @Autowired
    CustomerRepository customers;
    @Autowired
    TestIdentities identities;

    @Test
    void repSearchesPicksAndClaimsAPoolCustomerThenIsRefusedAfterReleasingIt(Tasklist tasklist) {
        // a fresh rep: no other test's claims count against their daily limit, and their tasks are only these
        String rep = identities.newRep("poolui", TestIdentities.TEAM_A);
        // grade B: granted without the manager's approval (PoolClaimApproval)
        String company = "深圳市星河" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000) + "科技有限公司";
        Long customerId = importPoolCustomer(company);

        // 1. Start 领取公海客户 with its search form: part of the name finds the company (name analysis).
        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("search-form-filled", () -> {
            tasklist.openStartForm("领取公海客户");
            tasklist.type("公司名称（可只填一部分，如 深圳星河）", SEARCH);
        });
        tasklist.step("search-submitted", tasklist::submitStartForm);

        // 2. The search ran synchronously: the choice task is there, its select lists the company.
        tasklist.step("choose-task-opened", () -> tasklist.openOnlyTask("我的任务", "选择公海客户"));
        assertThat(tasklist.shownValue("搜索结果")).matches("找到 \\d+ 个公海客户。.*");
        assertThat(tasklist.field("上次领取的结果")).as("no previous claim, no result shown").isEmpty();
        tasklist.step("customer-picked", () -> {
            String option = tasklist.searchAndSelect("公海客户", company);
            assertThat(option).as("the option names the company, its industry, region and grade")
                    .isEqualTo(company + "（信息技术/互联网 · 广东省深圳市 · B 级 · " + today() + " 起在公海（导入））");
            tasklist.chooseRadio("下一步", "领取所选客户");
            tasklist.type("领取理由（选填）", "客户有新需求，由我跟进");
        });
        tasklist.step("claim-completed", tasklist::complete);

        // 3. Granted at once (first come, first served): the rep owns the customer and has its follow-up task.
        Customer claimed = customers.findById(customerId).orElseThrow();
        assertThat(claimed.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(claimed.getOwner()).isEqualTo(rep);
        tasklist.step("follow-up-task", () -> tasklist.openTask("我的任务", "客户跟进", "公司名称", company));
        assertThat(tasklist.taskListText()).contains("客户跟进").contains(company);
        assertThat(tasklist.taskListText()).as("the claim ended, its choice task is gone").doesNotContain("选择公海客户");

        // 4. The rep releases the customer in the follow-up task (the release runs on the job executor).
        tasklist.step("release-chosen", () -> {
            tasklist.chooseRadio("跟进结果", "释放到公海（放弃该客户）");
            tasklist.type("跟进内容（释放时填写原因）", "客户暂无采购计划，释放到公海");
        });
        tasklist.step("released", tasklist::complete);
        awaitStatus(customerId, CustomerStatus.POOL);

        // 5. Claiming it again is refused by the cooldown: the choice task comes back and says why, in Chinese.
        tasklist.step("search-again", () -> {
            tasklist.openStartForm("领取公海客户");
            tasklist.type("公司名称（可只填一部分，如 深圳星河）", SEARCH);
            tasklist.submitStartForm();
        });
        tasklist.step("choose-again", () -> tasklist.openOnlyTask("我的任务", "选择公海客户"));
        tasklist.step("released-customer-picked", () -> {
            String option = tasklist.searchAndSelect("公海客户", company);
            assertThat(option).as("a released customer is published later: the option says from when")
                    .startsWith(company + "（信息技术/互联网 · 广东省深圳市 · B 级 · " + today() + " 起在公海（主动释放），")
                    .endsWith(" 起可领取）");
        });
        tasklist.step("claim-refused", () -> {
            tasklist.complete();
            tasklist.openOnlyTask("我的任务", "选择公海客户");
        });
        String message = tasklist.shownValue("上次领取的结果");
        assertThat(message).as("the cooldown outlasts the publication, so it is the reason given")
                .startsWith("该客户于 ").contains("离开您的名下（主动释放），30 天冷却期内您不能再领取或报备它，")
                .endsWith(" 起可以。");
        Customer refused = customers.findById(customerId).orElseThrow();
        assertThat(refused.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(refused.getOwner()).isNull();
    }

    private Long importPoolCustomer(String company) {
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        return ownership.importCustomer(customer, null, "浏览器测试导入", "test").getId();
    }

    private void awaitStatus(Long customerId, CustomerStatus status) {
        long deadline = System.nanoTime() + Tasklist.BACKEND_TIMEOUT.toNanos();
        CustomerStatus now = null;
        while (System.nanoTime() < deadline) {
            now = customers.findById(customerId).orElseThrow().getStatus();
            if (now == status) {
                return;
            }
            Screenshots.sleep(250);
        }
        throw new AssertionError("customer " + customerId + " did not reach " + status + " within "
                + Tasklist.BACKEND_TIMEOUT + "; now " + now);
    }

    /** Today in the application's time zone, as the option labels write it. */
    private static String today() {
        return Tasklist.today().toString();
    }
}
