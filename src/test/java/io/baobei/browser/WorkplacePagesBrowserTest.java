package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.awaitility.Awaitility.await;

/**
 * A rep's day outside the task list: from Tasklist's header to 我的报备 (the manager's rejection reason), 公海 (search,
 * 领取, the outcome) and 我的客户 (the claimed customer, its countdown and the link back to its follow-up task in
 * Tasklist), on a desktop window and on a 390×844 phone, where no page may scroll sideways. No step may make the
 * browser report a Content-Security-Policy violation. Screenshots in target/screenshots/workplace-pages.
 */
@BaobeiWebTest
@Tag("browser")
class WorkplacePagesBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("workplace-pages");

    @LocalServerPort int port;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired Processes processes;
    @Autowired TestRestTemplate rest;

    @Test
    void aRepSeesTheRejectionReasonClaimsFromThePoolAndFindsTheCustomerOnDesktopAndPhone(Tasklist tasklist) {
        TestIdentities.Team team = identities.newTeam("wp");
        String rep = team.rep1();
        String token = Long.toString(System.nanoTime(), 36);
        String pooled = "深圳市" + token + "星河科技有限公司";
        Long pooledId = TestCustomers.inPool(ownership, pooled, Grade.B, "广东省深圳市", null);
        String stillPooled = "广州市" + token + "海川贸易有限公司";
        TestCustomers.inPool(ownership, stillPooled, Grade.C, "广东省广州市", null);
        // grade A: its claim goes to the managers (PoolClaimApproval), so the page asks for a reason
        String gradeA = "深圳市" + token + "甲级客户有限公司";
        TestCustomers.inPool(ownership, gradeA, Grade.A, "广东省深圳市", null);
        String rejected = Processes.uniqueName("深圳市被驳回");
        String reason = "该客户已由渠道部门直接对接，请勿报备";
        reject(team, rejected, reason);
        WebDriver driver = tasklist.driver();
        WebDriverWait wait = tasklist.waiting();

        // 1. Tasklist's header links to the pages
        tasklist.step("tasklist-header", () -> {
            tasklist.login(rep);
            wait.until(ExpectedConditions.visibilityOfElementLocated(navLink("我的客户")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(navLink("我的报备")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(navLink("公海")));
        });
        tasklist.step("customers-empty", () -> {
            driver.findElement(navLink("我的客户")).click();
            wait.until(ExpectedConditions.urlMatches("/customers$"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("我的客户");
            assertThat(driver.findElement(By.cssSelector(".who .name")).getText()).isEqualTo(rep + "测试");
            assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("暂无客户");
        });

        // 2. 我的报备: the rejection and its reason
        tasklist.step("registrations", () -> {
            siteLink(driver, "我的报备").click();
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowWith(rejected)));
            assertThat(row.getText()).contains("已驳回", "驳回原因：" + reason, team.manager() + "测试")
                    .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        });

        // 3. 公海: search, 领取, the outcome
        tasklist.step("pool-searched", () -> {
            siteLink(driver, "公海").click();
            WebElement q = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("q")));
            q.sendKeys("深圳" + token);
            driver.findElement(By.xpath("//form[contains(@class,'filters')]//button")).click();
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowWith(pooled)));
            assertThat(row.getText()).contains("信息技术/互联网", "广东省深圳市", "（导入）").doesNotContain("需主管审批");
            assertThat(row.findElements(By.name("reason"))).as("one click for grade B").isEmpty();
            WebElement approval = driver.findElement(rowWith(gradeA));
            assertThat(approval.getText()).contains("需主管审批", "申请领取");
            assertThat(approval.findElement(By.name("reason")).getAttribute("placeholder"))
                    .isEqualTo("领取理由（选填，主管审批时可见）");
        });
        tasklist.step("pool-claimed", () -> {
            driver.findElement(rowWith(pooled)).findElement(By.xpath(".//button[normalize-space(.)='领取']")).click();
            WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claim-outcome")));
            assertThat(outcome.getText()).contains("已领取", pooled, "领取成功");
            assertThat(driver.findElement(By.name("q")).getAttribute("value")).isEqualTo("深圳" + token);
        });
        assertThat(customers.findById(pooledId).orElseThrow().getOwner()).isEqualTo(rep);

        // 4. 我的客户: the customer, its countdown, and its follow-up task opens in Tasklist
        tasklist.step("customers-after-claim", () -> {
            siteLink(driver, "我的客户").click();
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowWith(pooled)));
            assertThat(row.getText()).contains("保护中", "B", "剩余 60 天").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        });
        tasklist.step("follow-up-task-from-link", () -> {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                driver.navigate().refresh();
                return !driver.findElement(rowWith(pooled)).findElements(By.linkText("去跟进")).isEmpty();
            });
            driver.findElement(rowWith(pooled)).findElement(By.linkText("去跟进")).click();
            wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/default/#/?task="));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-card .fjs-form")));
            assertThat(tasklist.openTaskName()).isEqualTo("客户跟进");
        });

        // 5. The same pages on a phone: readable, nothing wider than the screen
        driver.manage().window().setSize(new Dimension(390, 844));
        for (String[] page : new String[][] {{"customers", "/customers", pooled}, {"registrations", "/registrations", reason},
                {"pool", "/pool?q=" + token, stillPooled}}) {
            tasklist.step("phone-" + page[0], () -> {
                driver.get("http://localhost:" + port + page[1]);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
                assertThat(driver.findElement(By.tagName("main")).getText()).contains(page[2]);
                Map<String, Object> widths = widths(driver);
                assertThat(((Number) widths.get("scroll")).longValue()).as(page[1] + " scrolls sideways on a phone: " + widths)
                        .isLessThanOrEqualTo(((Number) widths.get("viewport")).longValue());
            });
        }

        // 6. 退出 ends the session
        tasklist.step("signed-out", () -> {
            driver.findElement(By.cssSelector("form.logout button")).click();
            wait.until(ExpectedConditions.urlContains("/login?logout"));
            driver.get("http://localhost:" + port + "/customers");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
        });
    }

    /** A registration of {@code company} by the team's first rep, rejected by the team's manager with {@code reason}. */
    private void reject(TestIdentities.Team team, String company, String reason) {
        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(company));
        Registration registration = registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> registrations
                .findById(registration.getId()).orElseThrow().getStatus() == RegistrationStatus.IN_REVIEW);
        assertThat(rest.withBasicAuth(team.manager(), TestIdentities.PASSWORD).postForEntity("/api/registrations/"
                        + registration.getId() + "/decision", Map.of("decision", "REJECT", "reason", reason), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static By navLink(String text) {
        return By.xpath("//nav[contains(@class,'app-menu')]//li[contains(@class,'baobei-nav')]/a[normalize-space(.)='" + text + "']");
    }

    private static WebElement siteLink(WebDriver driver, String text) {
        return driver.findElement(By.xpath("//nav[contains(@class,'site-nav')]/a[normalize-space(.)='" + text + "']"));
    }

    private static By rowWith(String text) {
        return By.xpath("//table[contains(@class,'list')]//tr[.//td[contains(normalize-space(.), '" + text + "')]]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> widths(WebDriver driver) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
                "return {scroll: document.documentElement.scrollWidth, viewport: window.innerWidth};");
    }
}
