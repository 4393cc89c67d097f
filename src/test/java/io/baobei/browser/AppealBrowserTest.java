package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Groups;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * An appeal (申诉) filed and decided in Camunda Tasklist (zh locale): a rep (赵磊) whose registration collided with a
 * colleague's customer chooses 提出申诉 on 撞单处理 with a reason and evidence; their manager (孙丽) finds it in 待我审核,
 * sees both sides (no contact data) and upholds it: the customer becomes the rep's. Screenshots of every step in
 * target/screenshots/appeal.
 */
@BaobeiWebTest
@Tag("browser")
class AppealBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("appeal");

    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired OwnershipService ownership;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;

    @Test
    void aRepAppealsAConflictInTasklistAndTheManagerTransfersTheCustomerToThem(Tasklist tasklist) {
        TestIdentities.Team team = identities.newTeam("appeal");
        String token = Long.toString(System.nanoTime(), 36);
        String rep = "zhaolei" + token;
        String manager = "sunli" + token;
        identities.person(rep, "赵", "磊", Groups.SALES, team.id());
        identities.person(manager, "孙", "丽", Groups.MANAGERS, team.id(), Groups.reviewersOf(team.id()));
        String company = "珠海市" + token + "海洋科技有限公司";
        Customer held = new Customer(company, Grade.B, Instant.now());
        held.updateDetails(company, null, "钱经理", Processes.uniqueMobile(), null, "IT", "广东省珠海市", Grade.B);
        Long customerId = ownership.importCustomer(held, new OwnershipService.ImportedOwner(team.rep2(), team.id()),
                "测试导入", "test").getId();
        String phone = customers.findById(customerId).orElseThrow().getPhone();

        // 1. The rep's registration collides with the colleague's customer; the rep appeals it in 撞单处理.
        var instance = processes.submit(rep, Processes.validForm(company));
        awaitStatus(instance.getId(), RegistrationStatus.CONFLICT);
        tasklist.step("rep-login", () -> login(tasklist, rep, "赵磊"));
        tasklist.step("conflict-task", () -> tasklist.openOnlyTask("我的任务", "撞单处理"));
        assertThat(tasklist.field("申诉理由")).as("the appeal fields appear only with 提出申诉").isEmpty();
        tasklist.step("appeal-filled", () -> {
            tasklist.chooseRadio("您的选择", "提出申诉");
            tasklist.type("申诉理由", "我在同事之前已拜访该客户并报价");
            tasklist.type("证据（文字说明或链接）", "报价单编号 BJ-2026-0931；拜访纪要 https://example.com/visit/0931");
        });
        tasklist.step("appeal-filed", tasklist::complete);
        awaitStatus(instance.getId(), RegistrationStatus.APPEALING);
        tasklist.step("rep-logged-out", tasklist::logout);

        // 2. The manager decides it in 待我审核 (beside the reviews), seeing both sides and no contact data.
        tasklist.step("manager-login", () -> login(tasklist, manager, "孙丽"));
        tasklist.step("decide-task", () -> {
            tasklist.openOnlyTask("待我审核", "裁决申诉");
            tasklist.claim();
        });
        assertThat(tasklist.inputOf("申诉内容").getAttribute("value")).contains("赵磊").contains("我在同事之前已拜访该客户并报价");
        assertThat(tasklist.inputOf("已有客户").getAttribute("value")).contains(company).contains("保护中")
                .doesNotContain(phone).doesNotContain("钱经理");
        assertThat(tasklist.inputOf("已有客户的归属历史（最近在前）").getAttribute("value")).contains("导入");
        tasklist.step("decision-filled", () -> {
            tasklist.chooseRadio("裁决结果", "申诉成立：客户转给申诉人");
            tasklist.type("裁决理由", "报价单早于同事的报备");
        });
        tasklist.step("decided", tasklist::complete);

        Customer moved = Tasklist.awaitBackend("the customer moved to " + rep, () -> customers.findById(customerId)
                .filter(c -> rep.equals(c.getOwner())));
        assertThat(moved.getOwnerTeam()).isEqualTo(team.id());
        assertThat(registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getStatus())
                .isEqualTo(RegistrationStatus.APPROVED);
        tasklist.step("manager-logged-out", tasklist::logout);
    }

    /**
     * Tasklist's login; on a machine loaded by parallel builds its first start in a fresh browser can outlast the UI
     * timeout, so a slow start is waited out (the test is about the appeal, not about Tasklist's start-up time).
     */
    private static void login(Tasklist tasklist, String user, String shownAs) {
        try {
            tasklist.login(user, shownAs);
        } catch (org.openqa.selenium.TimeoutException slowStart) {
            new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofMinutes(3))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                            org.openqa.selenium.By.cssSelector(".account .dropdown-toggle"), shownAs));
            new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofMinutes(3))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                            org.openqa.selenium.By.cssSelector(".task-filters .content h4 a")));
        }
    }

    private Registration awaitStatus(String processInstanceId, RegistrationStatus status) {
        return Tasklist.awaitBackend("registration of " + processInstanceId + " " + status, () ->
                registrations.findByProcessInstanceId(processInstanceId).filter(r -> r.getStatus() == status));
    }
}
