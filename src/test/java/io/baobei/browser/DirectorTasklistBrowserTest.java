package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.identity.Groups;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * A 销售总监 in Tasklist: a review that has not waited past the policy's time is not theirs (not in 待我审核);
 * once its timer has escalated it, it is listed there, opens claimed for them, shows that it was escalated, and their
 * approval is recorded as theirs. Screenshots land in target/screenshots/director.
 */
@BaobeiWebTest
@Tag("browser")
class DirectorTasklistBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("director");

    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;

    @Test
    void aDirectorDecidesAReviewOnlyOnceItIsEscalatedToThem(Tasklist tasklist) {
        String director = "dir" + Long.toString(System.nanoTime(), 36);
        identities.person(director, "钱", "总监", Groups.SALES_DIRECTORS);
        String rep = identities.newRep("dirRep", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("珠海市总监");
        processes.submit(rep, Processes.validForm(company));
        String instance = awaitRegistration(company, RegistrationStatus.IN_REVIEW).getProcessInstanceId();
        String reviewId = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        // 1. Before the escalation the director has nothing to review: the list of 待我审核 is empty for them.
        tasklist.step("director-before-escalation", () -> {
            tasklist.login(director, "钱总监");
            tasklist.clickWhenReady(By.xpath("//section[contains(@class,'task-filters')]//h4/a[normalize-space(text()[1])='待我审核']"));
            Screenshots.sleep(1500);
            // (other tests' escalated reviews and appeals may be listed: this company's review is not among them)
            assertThat(tasklist.driver().findElements(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"))
                    .stream().map(org.openqa.selenium.WebElement::getText).toList())
                    .as("this review is not the director's before it is escalated")
                    .noneSatisfy(card -> assertThat(card).contains(company.substring(0, 13)));
        });
        assertThat(taskService.createTaskQuery().taskCandidateUser(director).taskId(reviewId).count()).isZero();

        // 2. The review waits past the policy's time: its timer fires (run here instead of waited for) and the
        //    job executor escalates it; the team's managers keep it, the directors join.
        Job timer = managementService.createJobQuery().processInstanceId(instance).timers()
                .activityId("BoundaryEvent_ReviewOverdue").singleResult();
        managementService.executeJob(timer.getId());
        Tasklist.awaitBackend("review escalated", () -> registration(company).map(Registration::getReviewEscalatedAt));
        assertThat(taskService.createTaskQuery().taskCandidateUser(director).taskId(reviewId).count()).isOne();
        assertThat(taskService.createTaskQuery().taskCandidateUser(TestIdentities.MGR_A).taskId(reviewId).count()).isOne();

        // 3. The director finds it in 待我审核, it is theirs as it opens, and their approval is confirmed.
        tasklist.step("director-review-opened", () -> {
            tasklist.driver().navigate().refresh();
            tasklist.openTask("待我审核", "审核报备", "公司名称", company);
        });
        tasklist.step("director-review-claimed", tasklist::claim);
        assertThat(taskService.createTaskQuery().taskId(reviewId).singleResult().getAssignee()).isEqualTo(director);
        tasklist.step("director-approved", () -> {
            tasklist.chooseRadio("审核结果", "批准");
            tasklist.complete();
        });
        String toast = tasklist.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".baobei-toast > span"))).getText();
        assertThat(toast).isEqualTo("已完成「审核报备」（" + company + "），审核结果：批准。");
        tasklist.screenshot("director-decision-confirmed");

        Registration decided = awaitRegistration(company, RegistrationStatus.APPROVED);
        assertThat(decided.getDecidedBy()).isEqualTo(director);
    }

    private Registration awaitRegistration(String company, RegistrationStatus status) {
        return Tasklist.awaitBackend("registration of " + company + " " + status,
                () -> registration(company).filter(r -> r.getStatus() == status));
    }

    private Optional<Registration> registration(String company) {
        return registrations.findAll().stream().filter(r -> r.getCompanyName().equals(company)).findFirst();
    }
}
