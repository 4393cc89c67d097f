package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

/**
 * The happy path as people click it in Camunda Tasklist (zh locale): a rep registers a prospect with the
 * Camunda Form, the duplicate check runs on the job executor, the team manager approves, and the rep gets
 * the follow-up task. Screenshots of every step land in target/screenshots/tasklist. No step may make the
 * browser report a Content-Security-Policy violation.
 */
@BaobeiWebTest
@Tag("browser")
class TasklistBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("tasklist");
    /** Statuses the happy path never passes through: no use waiting any longer. */
    private static final Set<RegistrationStatus> DEAD_ENDS = EnumSet.of(RegistrationStatus.CONFLICT,
            RegistrationStatus.REJECTED, RegistrationStatus.REVISION, RegistrationStatus.WITHDRAWN);

    @Autowired
    RegistrationRepository registrations;
    @Autowired
    CustomerRepository customers;

    @Test
    void repRegistersManagerApprovesRepGetsFollowUpTask(Tasklist tasklist) {
        // unique company and phone: the duplicate check would otherwise match earlier runs' customers
        String company = "浏览器测试科技有限公司" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);

        // 1. The site root sends an anonymous visitor to the Baobei login page, and from there into Tasklist.
        tasklist.step("rep-login", () -> tasklist.login(TestIdentities.REP_A1));

        // 2. Start the registration process with its Camunda Form.
        tasklist.step("start-form-filled", () -> fillStartForm(tasklist, company, phone));
        tasklist.step("process-started", tasklist::submitStartForm);

        // 3. The duplicate check runs asynchronously on the job executor.
        Registration submitted = awaitRegistration(company, RegistrationStatus.IN_REVIEW);
        assertThat(submitted.getSubmitter()).isEqualTo(TestIdentities.REP_A1);
        assertThat(submitted.getIndustry()).isEqualTo(Industry.IT);
        assertThat(submitted.getGrade()).isEqualTo(Grade.A);
        assertThat(submitted.getPhone()).isEqualTo(phone);
        // "today" of the browser (the day may just have turned)
        assertThat(submitted.getFirstContactDate()).isIn(Tasklist.today(), Tasklist.today().minusDays(1));

        // 4. Signing out of Tasklist ends the Spring session too: the login page is back.
        tasklist.step("rep-logged-out", tasklist::logout);

        // 5. The manager claims and approves the review task.
        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("review-task-opened", () -> tasklist.openTask("待我审核", "审核报备", "公司名称", company));
        tasklist.step("review-task-claimed", tasklist::claim);
        tasklist.step("review-approved", () -> {
            tasklist.chooseRadio("审核结果", "批准");
            tasklist.screenshot("review-decision-chosen");
            tasklist.complete();
        });

        // 6. Approval grants protection asynchronously; then the rep sees the follow-up task.
        Registration approved = awaitRegistration(company, RegistrationStatus.APPROVED);
        assertThat(approved.getCustomerId()).isNotNull();
        assertThat(customers.findById(approved.getCustomerId())).isPresent();
        tasklist.step("manager-logged-out", tasklist::logout);
        tasklist.step("rep-login-again", () -> tasklist.login(TestIdentities.REP_A1));
        tasklist.step("follow-up-task", () -> tasklist.openTask("我的任务", "客户跟进", "公司名称", company));
        assertThat(tasklist.taskListText()).contains("客户跟进")
                .as("task cards show the company (task-local variable, readable by the assignee)").contains(company);
        assertThat(tasklist.openTaskName()).isEqualTo("客户跟进");
        assertThat(tasklist.shownValue("公司名称")).isEqualTo(company);
    }

    private static void fillStartForm(Tasklist tasklist, String company, String phone) {
        tasklist.openStartForm("客户报备");
        tasklist.type("公司名称", company);
        tasklist.type("联系人", "张三");
        tasklist.type("联系电话", phone);
        tasklist.select("所属行业", "信息技术/互联网");
        tasklist.type("所在地区", "广东省深圳市");
        // pick the date in its calendar, as a user would
        tasklist.pickToday("首次接触日期");
        tasklist.chooseRadio("意向等级", "A - 有明确意向和购买需求");
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private Registration awaitRegistration(String company, RegistrationStatus status) {
        Supplier<Optional<Registration>> find = () -> registrations.findAll().stream()
                .filter(r -> company.equals(r.getCompanyName())).findFirst();
        long deadline = System.nanoTime() + Tasklist.BACKEND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Registration> registration = find.get();
            if (registration.isPresent() && registration.get().getStatus() == status) {
                return registration.get();
            }
            if (registration.isPresent() && DEAD_ENDS.contains(registration.get().getStatus())) {
                throw new AssertionError("registration " + company + " ended " + registration.get().getStatus()
                        + " instead of reaching " + status);
            }
            sleep(250);
        }
        throw new AssertionError("registration " + company + " did not reach " + status + " within "
                + Tasklist.BACKEND_TIMEOUT + "; now " + find.get().map(Registration::getStatus).orElse(null));
    }

    private static void sleep(long millis) {
        Screenshots.sleep(millis);
    }
}
