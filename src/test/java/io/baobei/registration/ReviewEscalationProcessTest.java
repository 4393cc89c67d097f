package io.baobei.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.baobei.audit.AuditEntry;
import io.baobei.audit.AuditEntryRepository;
import io.baobei.common.BusinessRuleException;
import io.baobei.identity.Groups;
import io.baobei.identity.IdentityBootstrap;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.EngineClock;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.registration.RegistrationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Review escalation (BoundaryEvent_ReviewOverdue → Task_EscalateReview, RegistrationPolicy.dmn: 24 h) and 报备时效:
 * the review's due date, the directors joining a review that waited too long while the managers keep it, a director
 * deciding it, the audit entry and the directors' notification; late and on-time registrations.
 */
@BaobeiSpringTest
class ReviewEscalationProcessTest {

    private static final Duration REVIEW_TIME = Duration.ofHours(24);

    @Autowired ProcessEngine engine;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired RegistrationService registrationService;
    @Autowired AuditEntryRepository audit;
    @Autowired Notifications notifications;
    @Autowired IdentityBootstrap bootstrap;
    @Autowired TestIdentities identities;

    private String director;

    @BeforeEach
    void setUp() {
        init(engine);
        bootstrap.ensureGroup(Groups.SALES_DIRECTORS, "销售总监", Groups.TYPE_ROLE);
        director = "dir" + Long.toString(System.nanoTime(), 36);
        identities.person(director, "周", "总", Groups.SALES_DIRECTORS);
    }

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }

    @Test
    void aReviewWaitingLongerThanThePolicyIsEscalatedToTheDirectorsWhoMayDecideIt() {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        EngineClock.set(start);
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("深圳市升级测试")));
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        Task review = task(instance);
        // the due date is the creation plus the policy's review time: what Tasklist shows and sorts by
        assertThat(review.getDueDate()).isEqualTo(Date.from(start.plus(REVIEW_TIME)));
        assertThat(review).hasCandidateGroup(Groups.reviewersOf(TestIdentities.TEAM_A));
        assertThat(candidateGroups(review)).doesNotContain(Groups.SALES_DIRECTORS);
        Long registrationId = registrationOf(instance).getId();
        // before the escalation a director may not decide
        assertThatThrownBy(() -> registrationService.recordReview(registrationId, instance.getId(), "APPROVE", null,
                null, director)).isInstanceOf(BusinessRuleException.class);

        // one minute before the deadline the timer is not due; one minute after it is
        EngineClock.set(start.plus(REVIEW_TIME).minusSeconds(60));
        assertThat(dueTimers(instance)).isEmpty();
        EngineClock.set(start.plus(REVIEW_TIME).plusSeconds(60));
        List<Job> due = dueTimers(instance);
        assertThat(due).singleElement().extracting(Job::getDuedate).isEqualTo(Date.from(start.plus(REVIEW_TIME)));
        managementService.executeJob(due.get(0).getId());
        assertThat(instance).isWaitingAt("Task_ReviewRegistration", "Task_EscalateReview");
        processes.executeJob(instance);

        // the same task, not interrupted: the managers keep it, the directors join
        assertThat(instance).isWaitingAt("Task_ReviewRegistration").hasPassed("EndEvent_ReviewEscalated");
        Task escalated = task(instance);
        assertThat(escalated.getId()).isEqualTo(review.getId());
        assertThat(candidateGroups(escalated)).contains(Groups.reviewersOf(TestIdentities.TEAM_A), Groups.SALES_DIRECTORS);
        assertThat(taskService.createTaskQuery().taskCandidateUser(director).taskId(review.getId()).count()).isOne();
        assertThat(taskService.createTaskQuery().taskCandidateUser(TestIdentities.MGR_A).taskId(review.getId()).count())
                .isOne();
        assertThat(registrationOf(instance).getReviewEscalatedAt()).isNotNull();

        List<AuditEntry> entries = audit.search(null, "REGISTRATION", registrationId.toString(), null, null,
                PageRequest.of(0, 100)).getContent();
        assertThat(entries).extracting(AuditEntry::getAction).contains("REVIEW_ESCALATED");

        assertThat(notifications.of(director, 0, 20).getContent())
                .anySatisfy(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.REVIEW_ESCALATED);
                    assertThat(n.objectId()).isEqualTo(registrationId.toString());
                    assertThat(n.taskId()).isEqualTo(review.getId());
                    assertThat(n.body()).doesNotContain(registrationOf(instance).getPhone());
                });

        // the director decides it in Tasklist: claim and complete, as a candidate
        processes.asUser(director, () -> {
            taskService.claim(review.getId(), director);
            taskService.complete(review.getId(), Map.of(REVIEW_DECISION, "APPROVE"));
        });
        assertThat(instance).isWaitingAt("Task_GrantProtection");
        assertThat(registrationOf(instance).getDecidedBy()).isEqualTo(director);
    }

    @Test
    void theTeamManagerStillDecidesAnEscalatedReview() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A2,
                Processes.validForm(Processes.uniqueName("广州市升级测试")));
        processes.executeJob(instance);
        processes.fireTimer(instance, "BoundaryEvent_ReviewOverdue");
        processes.executeJob(instance);
        assertThat(candidateGroups(task(instance))).contains(Groups.SALES_DIRECTORS);

        Task review = task(instance);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of(REVIEW_DECISION, "REJECT", REVIEW_REASON, "信息不实"));
        });
        assertThat(instance).isWaitingAt("Task_AcknowledgeRejection");
        assertThat(registrationOf(instance).getDecidedBy()).isEqualTo(TestIdentities.MGR_A);
    }

    @Test
    void aRegistrationIsLateWhenSubmittedMoreThanTheLimitAfterTheEndOfTheFirstContactDay() {
        ProcessInstance late = processes.submit(TestIdentities.REP_A1, formWithFirstContact(
                Processes.uniqueName("深圳市逾期测试"), LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3)));
        Registration lateRegistration = registrationOf(late);
        assertThat(lateRegistration.getLate()).isTrue();
        assertThat(lateRegistration.getLateHours()).isBetween(48, 72);
        assertThat(lateRegistration.getReportingLimitHours()).isEqualTo(24);
        processes.executeJob(late);
        String notice = (String) taskService.getVariableLocal(task(late).getId(), TIMELINESS_NOTICE);
        assertThat(notice).isEqualTo("报备时效：逾期（首次接触日结束后 " + lateRegistration.getLateHours()
                + " 小时提交，超过 24 小时时限）");

        ProcessInstance onTime = processes.submit(TestIdentities.REP_A1, formWithFirstContact(
                Processes.uniqueName("深圳市按时测试"), LocalDate.now(ZoneId.of("Asia/Shanghai"))));
        Registration onTimeRegistration = registrationOf(onTime);
        assertThat(onTimeRegistration.getLate()).isFalse();
        assertThat(onTimeRegistration.getLateHours()).isZero();
        processes.executeJob(onTime);
        assertThat((String) taskService.getVariableLocal(task(onTime).getId(), TIMELINESS_NOTICE))
                .startsWith("报备时效：按时");
    }

    @Test
    void thePolicyCanSendLateRegistrationsToTheDirectorsAtOnce() throws java.io.IOException {
        String policy;
        try (var in = getClass().getResourceAsStream("/processes/RegistrationPolicy.dmn")) {
            policy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String lateToDirectors = "<outputEntry id=\"OutputEntry_Default_LateToDirectors\"><text>false</text>";
        assertThat(policy).contains(lateToDirectors);
        org.camunda.bpm.engine.repository.Deployment deployment = engine.getRepositoryService().createDeployment()
                .name("test: late registrations to the directors")
                .addString("RegistrationPolicy.dmn", policy.replace(lateToDirectors, lateToDirectors.replace("false", "true")))
                .deploy();
        try {
            ProcessInstance late = processes.submit(TestIdentities.REP_A1, formWithFirstContact(
                    Processes.uniqueName("深圳市逾期直送"), LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(4)));
            processes.executeJob(late);
            Task review = task(late);
            assertThat(candidateGroups(review)).contains(Groups.reviewersOf(TestIdentities.TEAM_A), Groups.SALES_DIRECTORS);
            assertThat(registrationOf(late).getReviewEscalatedAt()).isNotNull();
            assertThat(notifications.of(director, 0, 20).getContent())
                    .anySatisfy(n -> assertThat(n.taskId()).isEqualTo(review.getId()));

            ProcessInstance onTime = processes.submit(TestIdentities.REP_A1, formWithFirstContact(
                    Processes.uniqueName("深圳市按时不送"), LocalDate.now(ZoneId.of("Asia/Shanghai"))));
            processes.executeJob(onTime);
            assertThat(candidateGroups(task(onTime))).doesNotContain(Groups.SALES_DIRECTORS);
            assertThat(registrationOf(onTime).getReviewEscalatedAt()).isNull();
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theMeasureCountsFromTheEndOfTheFirstContactDayInShanghai() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate contact = LocalDate.of(2026, 11, 20);
        // the same day and the whole next day are on time
        assertThat(RegistrationDeadlines.timeliness(contact, at("2026-11-20T15:00"), 24, shanghai))
                .isEqualTo(new RegistrationDeadlines.Timeliness(false, 0, 24));
        assertThat(RegistrationDeadlines.timeliness(contact, at("2026-11-21T23:59"), 24, shanghai))
                .isEqualTo(new RegistrationDeadlines.Timeliness(false, 23, 24));
        assertThat(RegistrationDeadlines.timeliness(contact, at("2026-11-22T00:00"), 24, shanghai).late()).isFalse();
        assertThat(RegistrationDeadlines.timeliness(contact, at("2026-11-22T00:01"), 24, shanghai))
                .isEqualTo(new RegistrationDeadlines.Timeliness(true, 24, 24));
        assertThat(RegistrationDeadlines.timeliness(contact, at("2026-11-23T04:00"), 24, shanghai))
                .isEqualTo(new RegistrationDeadlines.Timeliness(true, 52, 24));
    }

    private static Instant at(String shanghaiLocalTime) {
        return java.time.LocalDateTime.parse(shanghaiLocalTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static RegistrationForm formWithFirstContact(String company, LocalDate firstContact) {
        RegistrationForm form = Processes.validForm(company);
        return new RegistrationForm(form.companyName(), form.creditCode(), form.contactName(), form.phone(),
                form.email(), form.industry(), form.region(), form.grade(), firstContact.toString(), form.notes());
    }

    private List<Job> dueTimers(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().list();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
                .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).toList();
    }

    private Registration registrationOf(ProcessInstance instance) {
        return registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
    }
}
