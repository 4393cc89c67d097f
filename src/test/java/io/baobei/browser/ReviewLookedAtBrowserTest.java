package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * A manager browsing 待我审核: each review is theirs as it opens (so the form can be filled at once), but one they only
 * looked at goes back to the team when they move on, so a colleague can take it; one whose form they touched stays
 * theirs. Screenshots land in target/screenshots/review-looked-at.
 */
@BaobeiWebTest
@Tag("browser")
class ReviewLookedAtBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("review-looked-at");

    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired TaskService taskService;

    @Test
    void aReviewOnlyLookedAtGoesBackToTheTeamOneBeingDecidedStays(Tasklist tasklist) {
        TestIdentities.Team team = identities.newTeam("look");
        String first = Processes.uniqueName("深圳市只看看");
        String second = Processes.uniqueName("深圳市要审核");
        processes.submit(team.rep1(), Processes.validForm(first));
        processes.submit(team.rep1(), Processes.validForm(second));
        String firstReview = reviewOf(first);
        String secondReview = reviewOf(second);

        tasklist.step("manager-login", () -> tasklist.login(team.manager()));
        tasklist.step("first-opened", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", first);
            tasklist.claim();
        });
        assertThat(assignee(firstReview)).as("claimed as it opened").isEqualTo(team.manager());

        // 1. Moving on to the next review without touching the first: the first is the team's again.
        tasklist.step("second-opened", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", second);
            tasklist.claim();
        });
        Tasklist.awaitBackend("the first review given back",
                () -> assignee(firstReview) == null ? Optional.of(true) : Optional.empty());
        assertThat(assignee(secondReview)).isEqualTo(team.manager());
        assertThat(taskService.createTaskQuery().taskId(firstReview).taskCandidateUser(team.rep2()).count())
                .as("a rep never becomes a candidate").isZero();

        // 2. Choosing a decision in the second, then looking at the first again: the second stays theirs.
        tasklist.step("second-touched", () -> tasklist.chooseRadio("审核结果", "批准"));
        tasklist.step("first-reopened", () -> {
            tasklist.openTask("待我审核", "审核报备", "公司名称", first);
            tasklist.claim();
        });
        Screenshots.sleep(2000); // what a give-back would need to arrive
        assertThat(assignee(secondReview)).as("a review being decided is kept").isEqualTo(team.manager());
        assertThat(assignee(firstReview)).as("opened again: claimed again").isEqualTo(team.manager());
    }

    private String reviewOf(String company) {
        Registration registration = Tasklist.awaitBackend("review of " + company, () -> registrations.findAll()
                .stream().filter(r -> r.getCompanyName().equals(company) && r.getStatus() == RegistrationStatus.IN_REVIEW)
                .findFirst());
        return taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId()).singleResult()
                .getId();
    }

    private String assignee(String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        return task == null ? null : task.getAssignee();
    }
}
