package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.identity.Groups;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * A rep (周杰) and their manager (吴刚) walk the whole way in Chromium (zh-CN, Asia/Shanghai) as they would on a
 * working day: the rep registers in Tasklist; the manager lands on 待我审核 and approves, rejects and sends back
 * a registration without a claim step, confirmed each time; the rep corrects the company name sent back and the
 * manager reviews the new name; the rep finds the rejection reason in 我的报备, works the follow-up task (no unassign
 * control) and records the deal. On every page: Chinese names, YYYY-MM-DD dates, none of Camunda's known English
 * texts, no vendor banner. Screenshots of every step in target/screenshots/walk.
 */
@BaobeiWebTest
@Tag("browser")
class RepAndManagerWalkBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("walk");

    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;

    @Test
    void fromRegistrationThroughReviewAndRevisionToAWonDeal(Tasklist tasklist) {
        TestIdentities.Team team = identities.newTeam("walk");
        String token = Long.toString(System.nanoTime(), 36);
        String rep = "zhoujie" + token;
        String manager = "wugang" + token;
        identities.person(rep, "周", "杰", Groups.SALES, team.id());
        identities.person(manager, "吴", "刚", Groups.MANAGERS, team.id(), Groups.reviewersOf(team.id()));
        String approved = "佛山市" + token + "陶瓷有限公司";
        String rejected = "肇庆市" + token + "建材有限公司";
        String sentBack = "韶关" + token + "矿业";
        String renamed = "韶关市" + token + "矿业有限公司";
        String reason = "该客户由渠道部统一对接，请勿重复报备";

        // 1. The rep registers a customer in Tasklist's start form; two more arrive as from the API.
        tasklist.step("rep-login", () -> tasklist.login(rep, "周杰"));
        assertThat(tasklist.driver().findElement(By.cssSelector(".account .dropdown-toggle")).getText().trim())
                .as("a Chinese name as Chinese write it").isEqualTo("周杰");
        tasklist.step("start-form-filled", () -> {
            tasklist.openStartForm("客户报备");
            tasklist.type("公司名称", approved);
            tasklist.type("联系人", "何经理");
            tasklist.type("联系电话", Processes.uniqueMobile());
            tasklist.select("所属行业", "制造业");
            tasklist.type("所在地区", "广东省佛山市");
            tasklist.pickToday("首次接触日期");
            assertThat(tasklist.inputOf("首次接触日期").getAttribute("value")).matches("\\d{4}-\\d{2}-\\d{2}");
            tasklist.chooseRadio("意向等级", "B - 有明确购买计划");
        });
        chineseOnly(tasklist, "start form");
        tasklist.step("registered", tasklist::submitStartForm);
        assertThat(toast(tasklist)).contains("已提交「客户报备」（" + approved + "）");
        processes.submit(rep, Processes.validForm(rejected));
        processes.submit(rep, Processes.validForm(sentBack));
        for (String company : List.of(approved, rejected, sentBack)) {
            awaitRegistration(company, RegistrationStatus.IN_REVIEW);
        }
        tasklist.step("rep-logged-out", tasklist::logout);

        // 2. The manager starts on 待我审核; each review is theirs as it opens, and each decision is confirmed.
        tasklist.step("manager-login", () -> tasklist.login(manager, "吴刚"));
        assertThat(tasklist.driver().findElement(By.cssSelector(".task-filters .task-filter.active h4 a")).getText())
                .as("managers land on their reviews").startsWith("待我审核");
        tasklist.step("review-approve", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", approved);
            tasklist.claim();
            assertThat(tasklist.shownValue("报备销售")).isEqualTo("周杰（" + rep + "）");
            assertThat(tasklist.driver().findElement(By.cssSelector(".task-card li.assignee")).getText().trim())
                    .isEqualTo("吴刚");
            tasklist.chooseRadio("审核结果", "批准");
        });
        chineseOnly(tasklist, "review form");
        tasklist.step("approved", tasklist::complete);
        assertThat(toast(tasklist)).isEqualTo("已完成「审核报备」（" + approved + "），审核结果：批准。");
        tasklist.step("review-reject", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", rejected);
            tasklist.claim();
            tasklist.chooseRadio("审核结果", "驳回");
            tasklist.type("原因", reason);
        });
        tasklist.step("rejected", tasklist::complete);
        assertThat(toast(tasklist)).isEqualTo("已完成「审核报备」（" + rejected + "），审核结果：驳回。");
        tasklist.step("review-send-back", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", sentBack);
            tasklist.claim();
            tasklist.chooseRadio("审核结果", "退回修改");
            tasklist.type("原因", "请填写营业执照上的公司全称");
        });
        tasklist.step("sent-back", tasklist::complete);
        assertThat(toast(tasklist)).contains("审核结果：退回修改");
        awaitRegistration(sentBack, RegistrationStatus.REVISION);
        tasklist.step("manager-logged-out", tasklist::logout);

        // 3. The rep corrects the name; the contact data entered is still there to check.
        tasklist.step("rep-login-revise", () -> tasklist.login(rep, "周杰"));
        tasklist.step("revise-task", () -> tasklist.openOnlyTask("我的任务", "修改报备"));
        assertThat(tasklist.shownValue("退回人")).isEqualTo("吴刚");
        assertThat(tasklist.shownValue("联系人")).isEqualTo("测试联系人");
        assertThat(tasklist.shownValue("联系电话")).matches("137\\d{8}");
        chineseOnly(tasklist, "revision form");
        tasklist.step("renamed", () -> tasklist.retype("公司名称", renamed));
        tasklist.step("revised", tasklist::complete);
        awaitRegistration(renamed, RegistrationStatus.IN_REVIEW);
        tasklist.step("rep-logged-out-2", tasklist::logout);

        // 4. The manager reviews the corrected name.
        tasklist.step("manager-login-2", () -> tasklist.login(manager, "吴刚"));
        tasklist.step("review-renamed", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", renamed);
            tasklist.claim();
            tasklist.chooseRadio("审核结果", "批准");
        });
        tasklist.step("renamed-approved", tasklist::complete);
        tasklist.step("manager-logged-out-2", tasklist::logout);

        // 5. The rep: the rejection and its reason in 我的报备, the customers in 我的客户.
        tasklist.step("rep-login-3", () -> tasklist.login(rep, "周杰"));
        tasklist.step("my-registrations", () -> {
            tasklist.driver().get(tasklist.driver().getCurrentUrl().replaceAll("/camunda/.*", "/registrations"));
            WebElement row = tasklist.waiting().until(ExpectedConditions.visibilityOfElementLocated(rowWith(rejected)));
            assertThat(row.getText()).contains("已驳回", reason, "吴刚");
        });
        Customer customer = awaitCustomer(approved);
        tasklist.step("my-customers", () -> {
            tasklist.driver().get(tasklist.driver().getCurrentUrl().replaceAll("/registrations.*", "/customers"));
            WebElement row = tasklist.waiting().until(ExpectedConditions.visibilityOfElementLocated(rowWith(approved)));
            assertThat(row.getText()).contains("保护中").containsPattern("\\d{4}-\\d{2}-\\d{2}");
            assertThat(tasklist.driver().findElement(By.tagName("main")).getText()).contains(renamed);
        });

        // 6. The follow-up task: the rep's own, no "×" to unassign it; the deal recorded and confirmed.
        tasklist.step("follow-up-task", () -> {
            tasklist.driver().get(tasklist.driver().getCurrentUrl().replaceAll("/customers.*", "/camunda/app/tasklist/default/"));
            tasklist.openTask("我的任务", "客户跟进", "公司名称", approved);
        });
        assertThat(tasklist.driver().findElements(By.cssSelector("[cam-tasklist-task-meta] .unclaim")).stream()
                .noneMatch(WebElement::isDisplayed)).as("no unassign control on the follow-up task").isTrue();
        assertThat(tasklist.shownValue("本次跟进期限")).matches("\\d{4}-\\d{2}-\\d{2}.*");
        chineseOnly(tasklist, "follow-up form");
        tasklist.step("deal-filled", () -> {
            tasklist.chooseRadio("跟进结果", "已成交");
            tasklist.select("跟进方式", "上门拜访");
            tasklist.type("成交金额（元）", "86000");
            tasklist.pickToday("签约日期");
            tasklist.scrollIntoView(tasklist.inputOf("确认已与客户签约")).click();
            tasklist.type("跟进内容（释放时填写原因）", "签订首年供货合同");
        });
        tasklist.step("deal-won", tasklist::complete);
        assertThat(toast(tasklist)).isEqualTo("已完成「客户跟进」（" + approved + "），跟进结果：已成交。");
        Customer won = awaitConverted(customer.getId());
        assertThat(won.getDeal().amount()).isEqualByComparingTo(new BigDecimal("86000"));
    }

    // --- what every page must (not) show ---------------------------------------------------------------------

    private static void chineseOnly(Tasklist tasklist, String where) {
        String text = tasklist.driver().findElement(By.tagName("body")).getText();
        List<String> found = new ArrayList<>();
        for (String english : TasklistChineseBrowserTest.KNOWN_CAMUNDA_ENGLISH) {
            if (text.contains(english)) {
                found.add(english);
            }
        }
        assertThat(found).as("Camunda English on " + where).isEmpty();
        assertThat(text).as("vendor banner on " + where).doesNotContain("迁移到 Camunda").doesNotContain("Camunda 8");
        for (String control : List.of(".ce-eol-banner", "li.engine-select", "li.create-task-action")) {
            assertThat(tasklist.driver().findElements(By.cssSelector(control)).stream().noneMatch(WebElement::isDisplayed))
                    .as(control + " on " + where).isTrue();
        }
        tasklist.screenshot("checked-" + where.replace(' ', '-'));
    }

    private static String toast(Tasklist tasklist) {
        return tasklist.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".baobei-toast > span")))
                .getText();
    }

    private static By rowWith(String text) {
        return By.xpath("//table[contains(@class,'list')]//tr[.//td[contains(normalize-space(.), '" + text + "')]]");
    }

    // --- the back end, waited for (the job executor runs the checks and grants) -------------------------------

    private Registration awaitRegistration(String company, RegistrationStatus status) {
        return Tasklist.awaitBackend("registration of " + company + " in " + status, () -> registrations.findAll().stream()
                .filter(r -> r.getCompanyName().equals(company) && r.getStatus() == status).findFirst());
    }

    private Customer awaitCustomer(String company) {
        return Tasklist.awaitBackend("protected customer " + company, () -> customers.findAll().stream()
                .filter(c -> c.getCompanyName().equals(company) && c.getStatus() == CustomerStatus.PROTECTED).findFirst());
    }

    private Customer awaitConverted(Long id) {
        return Tasklist.awaitBackend("conversion of customer " + id, () -> customers.findById(id)
                .filter(c -> c.getStatus() == CustomerStatus.CONVERTED));
    }
}
