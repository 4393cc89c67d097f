package io.baobei.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.registration.RegistrationVariables.REVIEW_DECISION;
import static io.baobei.registration.RegistrationVariables.REVIEW_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * The registration events reach the people concerned and only them (docs/notifications.md): the reviewers of the
 * submitter's team when a review waits, the submitter when it is approved, rejected, sent back or in conflict; each
 * once, linking to the task it opened, naming the company only, never the contact data.
 */
@BaobeiSpringTest
class RegistrationNotificationsTest {

    @Autowired ProcessEngine engine;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired TestIdentities identities;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired Notifications notifications;
    @Autowired RegistrationNotices notices;
    @Autowired OwnershipService ownership;
    @Autowired Clock clock;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @Test
    void theTeamsReviewersHearOfTheReviewAndTheSubmitterOfTheApprovalOnceEach() {
        TestIdentities.Team team = identities.newTeam("ntfAppr");
        String company = Processes.uniqueName("深圳市通知审核");
        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(company));
        processes.executeJob(instance);
        Task review = task(instance);

        assertThat(mine(team.manager(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REVIEW_WAITING);
            assertThat(n.title()).contains(company);
            assertThat(n.body()).contains(team.rep1() + "测试");
            assertThat(n.taskId()).isEqualTo(review.getId());
            assertThat(n.link()).endsWith("#/?task=" + review.getId());
        });
        assertThat(mine(team.rep1(), instance)).isEmpty();
        assertThat(mine(team.rep2(), instance)).as("a colleague is no reviewer").isEmpty();
        assertThat(mine(TestIdentities.MGR_A, instance)).as("another team's manager").isEmpty();

        review(instance, team.manager(), "APPROVE", null);
        processes.executeJob(instance);
        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");

        Registration registration = registrationOf(instance);
        assertThat(mine(team.rep1(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REGISTRATION_APPROVED);
            assertThat(n.title()).contains(company);
            assertThat(n.body()).contains(team.manager() + "测试").contains("保护期已开始")
                    .doesNotContain(registration.getPhone()).doesNotContain(registration.getContactName());
        });
        assertThat(mine(team.manager(), instance)).hasSize(1);

        // the same occurrences published again (a retried job, a listener run twice) add nothing
        notices.approved(registration);
        notices.reviewWaiting(registration, review.getId());
        assertThat(mine(team.rep1(), instance)).hasSize(1);
        assertThat(mine(team.manager(), instance)).hasSize(1);
    }

    @Test
    void aSentBackRegistrationLinksToTheRevisionAndTheNextReviewIsAnnouncedAgain() {
        TestIdentities.Team team = identities.newTeam("ntfBack");
        String company = Processes.uniqueName("广州市通知退回");
        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(company));
        processes.executeJob(instance);

        review(instance, team.manager(), "REVISE", "请补充统一社会信用代码");

        Task revise = task(instance);
        assertThat(revise).hasDefinitionKey("Task_ReviseRegistration");
        assertThat(mine(team.rep1(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REGISTRATION_SENT_BACK);
            assertThat(n.body()).contains("请补充统一社会信用代码").contains(team.manager() + "测试");
            assertThat(n.taskId()).isEqualTo(revise.getId());
        });

        processes.asUser(team.rep1(), () -> taskService.complete(revise.getId(),
                Processes.validForm(company).toVariables()));
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");

        // a second review round is a second occurrence, with its own task
        assertThat(mine(team.manager(), instance)).hasSize(2)
                .allSatisfy(n -> assertThat(n.kind()).isEqualTo(NotificationKind.REVIEW_WAITING))
                .extracting(Notifications.View::taskId).contains(task(instance).getId()).doesNotHaveDuplicates();
        assertThat(mine(team.rep1(), instance)).hasSize(1);
    }

    @Test
    void aRejectionTellsTheSubmitterWhoAndWhyWithTheAcknowledgementTask() {
        TestIdentities.Team team = identities.newTeam("ntfRej");
        String company = Processes.uniqueName("珠海市通知驳回");
        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(company));
        processes.executeJob(instance);

        review(instance, team.manager(), "REJECT", "客户信息无法核实");

        Task told = task(instance);
        assertThat(told).hasDefinitionKey("Task_AcknowledgeRejection");
        assertThat(mine(team.rep1(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REGISTRATION_REJECTED);
            assertThat(n.title()).contains(company);
            assertThat(n.body()).contains("客户信息无法核实").contains(team.manager() + "测试");
            assertThat(n.taskId()).isEqualTo(told.getId());
        });
        assertThat(mine(team.rep2(), instance)).isEmpty();
    }

    @Test
    void anApprovalTheRulesRefuseAtTheGrantIsARejectionWithTheRulesReason() {
        TestIdentities.Team team = identities.newTeam("ntfRef");
        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(Processes.uniqueName("茂名市通知规则")));
        processes.executeJob(instance);
        review(instance, team.manager(), "APPROVE", null);
        // between approval and grant, the rep came to hold the quota's 50 customers
        TestCustomers.protectFor(ownership, team.rep1(), team.id(), 50);

        processes.executeJob(instance);

        assertThat(instance).isWaitingAt("Task_AcknowledgeRefusal");
        assertThat(mine(team.rep1(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REGISTRATION_REJECTED);
            assertThat(n.body()).contains("归属规则不允许").contains("已达保有量上限");
            assertThat(n.taskId()).isEqualTo(task(instance).getId());
        });
    }

    @Test
    void aConflictTellsOnlyTheSubmitterAndNothingOfTheColleaguesCustomer() {
        TestIdentities.Team team = identities.newTeam("ntfConf");
        String company = Processes.uniqueName("东莞市通知撞单");
        Customer held = ownedCustomer(company, TestIdentities.REP_B1, TestIdentities.TEAM_B);

        ProcessInstance instance = processes.submit(team.rep1(), Processes.validForm(company));
        processes.executeJob(instance);

        assertThat(instance).isWaitingAt("Task_ResolveConflict");
        assertThat(mine(team.rep1(), instance)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CONFLICT_FOUND);
            assertThat(n.title()).contains(company);
            assertThat(n.title() + n.body()).doesNotContain(TestIdentities.REP_B1).doesNotContain(held.getPhone())
                    .doesNotContain(held.getContactName());
            assertThat(n.taskId()).isEqualTo(task(instance).getId());
        });
        assertThat(mine(TestIdentities.REP_B1, instance)).as("the holder is not told").isEmpty();
        assertThat(mine(team.manager(), instance)).as("no review was opened").isEmpty();

        notices.conflictFound(registrationOf(instance), task(instance).getId());
        assertThat(mine(team.rep1(), instance)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code user}'s notifications about the registration of {@code instance}. */
    private List<Notifications.View> mine(String user, ProcessInstance instance) {
        String id = registrationOf(instance).getId().toString();
        return notifications.of(user, 0, 100).getContent().stream()
                .filter(n -> RegistrationNotices.OBJECT_TYPE.equals(n.objectType()) && id.equals(n.objectId()))
                .toList();
    }

    private void review(ProcessInstance instance, String manager, String decision, String reason) {
        Task review = task(instance);
        assertThat(review).hasDefinitionKey("Task_ReviewRegistration");
        Map<String, Object> variables = new HashMap<>();
        variables.put(REVIEW_DECISION, decision);
        variables.put(REVIEW_REASON, reason);
        processes.asUser(manager, () -> {
            taskService.claim(review.getId(), manager);
            taskService.complete(review.getId(), variables);
        });
    }

    private Customer ownedCustomer(String company, String owner, String team) {
        Instant now = Instant.now(clock);
        Customer customer = new Customer(company, Grade.B, now);
        customer.updateDetails(company, null, "另一位联系人", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        TestCustomers.protect(customer, owner, team, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        return customers.save(customer);
    }

    private Registration registrationOf(ProcessInstance instance) {
        return registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
    }
}
