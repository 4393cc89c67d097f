package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.registration.RegistrationVariables;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * The three ways Tasklist used to lose a rep's work or leave them uninformed, as the rep and the manager click them
 * (zh locale): the "×" beside the assignee of a 客户跟进 task is refused and the task stays the rep's; a company
 * renamed in 修改报备 is what the manager reviews next; a rejected rep finds a 报备未通过 task with the reason. Also
 * what the registration forms show their reader: the contact data entered in 修改报备, people by name, and a rep's
 * own customer refused at once in the start form.
 * Screenshots in target/screenshots/registration-silence.
 */
@BaobeiWebTest
@Tag("browser")
class RegistrationSilenceBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("registration-silence");
    private static final String ENGINE = "/camunda/api/engine/engine/default";

    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired java.time.Clock clock;

    @Test
    void theRepCannotUnassignTheirFollowUpTask(Tasklist tasklist) {
        String rep = identities.newRep("unassign", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("东莞市跟进任务");
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "李女士", Processes.uniqueMobile(), null, "IT", "广东省东莞市", Grade.B);
        ownership.importCustomer(customer, new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A), "测试导入", "test");

        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("follow-up-task", () -> tasklist.openOnlyTask("我的任务", "客户跟进"));
        String taskId = tasklist.openTaskId();

        // the "×" beside the assignee (Tasklist's unclaim), if the page still shows it: refused, in Chinese
        var unclaim = tasklist.driver().findElements(By.cssSelector(".task-card button.unclaim")).stream()
                .filter(WebElement::isDisplayed).findFirst();
        if (unclaim.isPresent()) {
            tasklist.scrollIntoView(unclaim.get()).click();
            assertThat(String.join("\n", tasklist.awaitErrorNotifications()))
                    .contains("此任务由流程指派给负责人，不能取消指派").doesNotContain("Exception");
            tasklist.screenshot("unassign-refused");
        }
        // the same requests Tasklist sends for "×" and for resetting the assignee, from the rep's page
        String unclaimed = tasklist.postFromPage(ENGINE + "/task/" + taskId + "/unclaim", "{}");
        assertThat(unclaimed).startsWith("403 ").contains("不能取消指派");
        String reset = tasklist.postFromPage(ENGINE + "/task/" + taskId + "/assignee", "{\"userId\":null}");
        assertThat(reset).startsWith("403 ").contains("不能取消指派");

        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task.getAssignee()).isEqualTo(rep);
        tasklist.driver().navigate().refresh();
        tasklist.step("follow-up-task-still-mine", () -> tasklist.openOnlyTask("我的任务", "客户跟进"));
        assertThat(tasklist.openTaskId()).isEqualTo(taskId);
    }

    @Test
    void theManagerReviewsTheCompanyNameTheRepCorrectedInTheRevision(Tasklist tasklist) {
        String rep = identities.newRep("rename", TestIdentities.TEAM_A);
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        String company = "珠海改名" + suffix;
        String renamed = "珠海市改名" + suffix + "科技有限公司";
        RegistrationForm submitted = Processes.validForm(company);
        ProcessInstance instance = processes.submit(rep, submitted);
        Registration registration = awaitStatus(instance, RegistrationStatus.IN_REVIEW);
        decide(instance, "REVISE", "请填写营业执照上的公司全称");
        awaitStatus(instance, RegistrationStatus.REVISION);

        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("revise-task", () -> tasklist.openOnlyTask("我的任务", "修改报备"));
        assertThat(tasklist.shownValue("公司名称")).isEqualTo(company);
        // what the rep entered is there to see and edit, and who sent it back, by name
        assertThat(tasklist.shownValue("联系人")).isEqualTo(submitted.contactName());
        assertThat(tasklist.shownValue("联系电话")).isEqualTo(submitted.phone());
        assertThat(tasklist.shownValue("退回人")).isEqualTo(TestIdentities.MGR_A + "测试");
        tasklist.step("company-renamed", () -> tasklist.retype("公司名称", renamed));
        tasklist.step("revision-submitted", tasklist::complete);

        assertThat(awaitStatus(instance, RegistrationStatus.IN_REVIEW).getCompanyName()).isEqualTo(renamed);
        tasklist.step("rep-logged-out", tasklist::logout);
        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("review-shows-new-name", () -> tasklist.openTask("待我审核", "审核报备", "公司名称", renamed));
        assertThat(registrations.findById(registration.getId()).orElseThrow().getCompanyName()).isEqualTo(renamed);
        assertThat(registrations.findById(registration.getId()).orElseThrow().getPhone()).as("kept")
                .isEqualTo(submitted.phone());
        // the manager reads the rep's name (test users are named "<login>测试")
        assertThat(tasklist.shownValue("报备销售")).isEqualTo(rep + "测试（" + rep + "）");
    }

    @Test
    void aRejectedRepSeesWhoRejectedAndWhy(Tasklist tasklist) {
        String rep = identities.newRep("rejected", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("中山市驳回");
        String reason = "客户信息无法核实，请先确认联系人";
        ProcessInstance instance = processes.submit(rep, Processes.validForm(company));
        awaitStatus(instance, RegistrationStatus.IN_REVIEW);

        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("review-task", () -> tasklist.openTask("待我审核", "审核报备", "公司名称", company));
        tasklist.step("review-claimed", tasklist::claim);
        tasklist.step("rejection-filled", () -> {
            tasklist.chooseRadio("审核结果", "驳回");
            tasklist.type("原因", reason);
        });
        tasklist.step("rejected", tasklist::complete);
        awaitStatus(instance, RegistrationStatus.REJECTED);
        tasklist.step("manager-logged-out", tasklist::logout);

        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("rejection-task", () -> tasklist.openOnlyTask("我的任务", "报备未通过"));
        assertThat(tasklist.taskListText()).contains("报备未通过").contains(company);
        assertThat(tasklist.shownValue("公司名称")).isEqualTo(company);
        assertThat(tasklist.shownValue("审核结果")).startsWith("主管 " + TestIdentities.MGR_A).contains("驳回了这份报备");
        assertThat(tasklist.shownValue("未通过原因")).isEqualTo(reason);
        tasklist.step("rejection-acknowledged", tasklist::complete);
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void aRepRegisteringTheirOwnCustomerIsToldAtOnce(Tasklist tasklist) {
        String rep = identities.newRep("own", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("珠海市本人客户");
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "周先生", Processes.uniqueMobile(), null, "IT", "广东省珠海市", Grade.B);
        Customer own = ownership.importCustomer(customer, new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A),
                "测试导入", "test");

        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("own-customer-filled", () -> {
            tasklist.openStartForm("客户报备");
            // the same name as the rep's customer after normalisation: a space and full-width brackets
            tasklist.type("公司名称", company.replace("有限公司", " （有限公司）"));
            tasklist.type("联系人", "周先生");
            tasklist.type("联系电话", Processes.uniqueMobile());
            tasklist.select("所属行业", "信息技术/互联网");
            tasklist.type("所在地区", "广东省珠海市");
            tasklist.pickToday("首次接触日期");
            tasklist.chooseRadio("意向等级", "A - 有明确意向和购买需求");
        });
        String refusal = "该客户已在您名下：" + company + "（保护期至 "
                + io.baobei.common.DisplayTimes.day(customers.findById(own.getId()).orElseThrow().getProtectedUntil(),
                clock) + "），无需再次报备";
        // not a step: the refusal is an error Tasklist shows, which a step would count as a failure
        tasklist.clickWhenReady(By.xpath("//div[contains(@class,'modal-footer')]"
                + "//button[contains(@class,'btn-primary') and normalize-space(.)='发起']"));
        // at once, in the dialog or in Tasklist's notification: wherever Tasklist shows a refusal
        tasklist.waiting().until(d -> d.findElement(By.tagName("body")).getText().contains(refusal));
        tasklist.screenshot("own-customer-refused");
        assertThat(tasklist.driver().findElement(By.tagName("body")).getText()).doesNotContain("Cannot instantiate");
        assertThat(registrations.findAll().stream().filter(r -> r.getSubmitter().equals(rep))).as("nothing for the manager")
                .isEmpty();
    }

    /** The manager's decision through the engine, as the review form submits it. */
    private void decide(ProcessInstance instance, String decision, String reason) {
        Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        Map<String, Object> variables = new HashMap<>();
        variables.put(RegistrationVariables.REVIEW_DECISION, decision);
        variables.put(RegistrationVariables.REVIEW_REASON, reason);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), variables);
        });
    }

    private Registration awaitStatus(ProcessInstance instance, RegistrationStatus status) {
        long deadline = System.nanoTime() + Tasklist.BACKEND_TIMEOUT.toNanos();
        Registration registration = null;
        while (System.nanoTime() < deadline) {
            registration = registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
            if (registration.getStatus() == status) {
                return registration;
            }
            Screenshots.sleep(250);
        }
        throw new AssertionError("registration did not reach " + status + "; now " + registration.getStatus());
    }
}
