package io.baobei.appeal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.baobei.audit.AuditEntry;
import io.baobei.audit.AuditEntryRepository;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.registration.RegistrationForm;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.Verdict;
import io.baobei.identity.Groups;
import io.baobei.identity.IdentityBootstrap;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.registration.RegistrationVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.EngineClock;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.appeal.AppealVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of SubProcess_Appeal (申诉) with the real services and the real duplicate check: an appeal from 撞单处理
 * decided DISMISS, TRANSFER and NOT_SAME; an appeal of a rejection as a duplicate of a SUSPECT match; the escalation
 * timer; a decider refused for their own customer.
 */
@BaobeiSpringTest
class AppealProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired OwnershipService ownership;
    @Autowired AuditEntryRepository audit;
    @Autowired Notifications notifications;
    @Autowired IdentityBootstrap bootstrap;
    @Autowired TestIdentities identities;
    @Autowired DuplicateCheck duplicateCheck;
    @Autowired AppealRepository appeals;

    private String director;

    @BeforeEach
    void setUp() {
        init(engine);
        bootstrap.ensureGroup(Groups.SALES_DIRECTORS, "销售总监", Groups.TYPE_ROLE);
        director = "adir" + Long.toString(System.nanoTime(), 36);
        identities.person(director, "周", "总", Groups.SALES_DIRECTORS);
    }

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }

    @Test
    void anAppealFromTheConflictTaskDismissedClosesTheRegistrationAndTellsTheAppellantWhy() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EngineClock.set(start);
        String company = Processes.uniqueName("深圳市申诉驳回");
        Long customerId = held(company, TestIdentities.REP_A2, TestIdentities.TEAM_A);
        ProcessInstance instance = conflict(TestIdentities.REP_A1, company);

        appeal(instance, "我在上个月已拜访过该客户", "拜访记录：CRM-2026-118");

        assertThat(instance).isWaitingAt("Task_DecideAppeal");
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.APPEALING);
        Task decide = task(instance);
        // both reps are in team A: its managers decide; due after the policy's 48 hours
        assertThat(decide).hasCandidateGroup(Groups.reviewersOf(TestIdentities.TEAM_A));
        assertThat(decide.getDueDate()).isEqualTo(Date.from(start.plus(Duration.ofHours(48))));
        Map<String, Object> shown = taskService.getVariablesLocal(decide.getId());
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat((String) shown.get(APPEAL_CASE)).contains("我在上个月已拜访过该客户").contains("CRM-2026-118");
        assertThat((String) shown.get(CUSTOMER_SIDE)).contains(company).contains(TestIdentities.REP_A2 + "测试")
                .contains("下次跟进期限").doesNotContain(customer.getPhone()).doesNotContain(customer.getContactName());
        assertThat((String) shown.get(REGISTRATION_SIDE)).contains(company)
                .doesNotContain(registration.getPhone()).doesNotContain(registration.getContactName());
        assertThat((String) shown.get(OWNERSHIP_HISTORY)).contains("导入");
        // the appellant's texts moved into the appeal; the process keeps none of them
        assertThat(processes.variables(instance)).doesNotContainKeys(APPEAL_REASON, APPEAL_EVIDENCE, APPEAL_ACTION);
        Appeal appeal = appealOf(instance);
        assertThat(appeal.getReason()).isEqualTo("我在上个月已拜访过该客户");
        assertThat(notifications.of(TestIdentities.MGR_A, 0, 50).getContent())
                .anySatisfy(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.APPEAL_FILED);
                    assertThat(n.taskId()).isEqualTo(decide.getId());
                });

        decide(instance, TestIdentities.MGR_A, "DISMISS", "客户在同事名下有完整跟进记录");

        assertThat(instance).isEnded().hasPassed("Task_DismissAppeal", "EndEvent_AppealDismissed",
                "EndEvent_AppealSettled");
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.APPEAL_DISMISSED);
        assertThat(registrationOf(instance).getRefusalReason()).isEqualTo("客户在同事名下有完整跟进记录");
        assertThat(customers.findById(customerId).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A2);
        assertThat(appealOf(instance).getOutcome()).isEqualTo(AppealOutcome.DISMISS);
        assertThat(notifications.of(TestIdentities.REP_A1, 0, 50).getContent())
                .anySatisfy(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.APPEAL_DECIDED);
                    assertThat(n.body()).contains("驳回").contains("客户在同事名下有完整跟进记录");
                });
        assertThat(auditActions("APPEAL", appeal.getId())).contains("APPEAL_FILED", "APPEAL_DECIDED");
        assertThat(auditActions("REGISTRATION", registration.getId()))
                .contains("REGISTRATION_APPEALED", "REGISTRATION_APPEAL_DISMISSED");
    }

    @Test
    void anAppealAgainstAnotherTeamsCustomerIsDecidedByTheDirectorsAndTransfersTheCustomer() {
        String company = Processes.uniqueName("广州市申诉转移");
        Long customerId = held(company, TestIdentities.REP_B1, TestIdentities.TEAM_B);
        ProcessInstance instance = conflict(TestIdentities.REP_A1, company);
        appeal(instance, "该客户由我首先开发", null);

        Task decide = task(instance);
        // the owner is in team B: neither team's manager is neutral
        assertThat(decide).hasCandidateGroup(Groups.SALES_DIRECTORS);
        assertThat(candidateGroups(decide)).doesNotContain(Groups.reviewersOf(TestIdentities.TEAM_A));
        assertThatThrownBy(() -> decide(instance, TestIdentities.MGR_A, "TRANSFER", "由我决定"))
                .isInstanceOf(RuntimeException.class);
        assertThat(appealOf(instance).getStatus()).isEqualTo(AppealStatus.OPEN);
        assertThat(instance).isWaitingAt("Task_DecideAppeal");

        decide(instance, director, "TRANSFER", "申诉人提供的拜访记录早于对方报备");

        assertThat(instance).isEnded().hasPassed("Task_TransferToAppellant", "EndEvent_AppealTransferred");
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(customer.getOwnerTeam()).isEqualTo(TestIdentities.TEAM_A);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(registration.getCustomerId()).isEqualTo(customerId);
        // the ownership core recorded it, naming the appeal; the protection continues for the new owner
        assertThat(ownership.historyOf(customerId)).last().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(OwnershipAction.TRANSFERRED);
            assertThat(event.getFromOwner()).isEqualTo(TestIdentities.REP_B1);
            assertThat(event.getToOwner()).isEqualTo(TestIdentities.REP_A1);
            assertThat(event.getReason()).contains("申诉 #" + appealOf(instance).getId());
            assertThat(event.getActor()).isEqualTo(director);
        });
        Task followUp = taskService.createTaskQuery().processInstanceId(customer.getProtectionProcessInstanceId())
                .singleResult();
        assertThat(followUp.getAssignee()).isEqualTo(TestIdentities.REP_A1);
        assertThat(notifications.of(TestIdentities.REP_B1, 0, 50).getContent())
                .anySatisfy(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.APPEAL_CUSTOMER_LOST);
                    assertThat(n.body()).contains(company).contains("申诉人提供的拜访记录早于对方报备");
                });
        assertThat(notifications.of(TestIdentities.REP_A1, 0, 50).getContent())
                .anySatisfy(n -> assertThat(n.kind()).isEqualTo(NotificationKind.APPEAL_DECIDED));
    }

    @Test
    void notTheSameCompanyReturnsTheRegistrationToReviewAndTheCheckNeverFlagsThePairAgain() {
        String trade = "騰" + java.util.UUID.randomUUID().toString().substring(0, 4);
        String existing = "深圳市" + trade.replace("騰", "腾") + "科技有限公司";
        Long customerId = held(existing, TestIdentities.REP_A2, TestIdentities.TEAM_A);
        String company = trade + "科技（深圳）有限責任公司";
        ProcessInstance instance = conflict(TestIdentities.REP_A1, company);
        assertThat(duplicateCheck.check(candidate(company)).matches())
                .anySatisfy(m -> assertThat(m.customerId()).isEqualTo(customerId));

        appeal(instance, "这是另一家同名不同地的公司", "营业执照：https://example.com/licence.pdf");
        decide(instance, TestIdentities.MGR_A, "NOT_SAME", "两家公司信用代码与地址不同");

        assertThat(instance).hasPassed("Task_RememberDistinctPair", "EndEvent_AppealNotSame")
                .isWaitingAt("Task_ReviewRegistration");
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);
        assertThat(registration.getDecision()).isNull();
        assertThat(processes.variables(instance).get(RegistrationVariables.VERDICT)).isNotEqualTo("CONFLICT");
        // the pair is remembered: the same company, however spelled, never matches that customer again
        assertThat(duplicateCheck.check(candidate(company)).matches())
                .noneSatisfy(m -> assertThat(m.customerId()).isEqualTo(customerId));
        assertThat(duplicateCheck.check(candidate("  " + company.replace("（", "(").replace("）", ")"))).matches())
                .noneSatisfy(m -> assertThat(m.customerId()).isEqualTo(customerId));

        // and the review approves it as a new customer
        review(instance, "APPROVE", null, false);
        processes.executeJob(instance);
        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");
        Long newCustomer = registrationOf(instance).getCustomerId();
        assertThat(newCustomer).isNotEqualTo(customerId);
        assertThat(customers.findById(newCustomer).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(customers.findById(customerId).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A2);
    }

    @Test
    void notTheSameCompanyForACustomerSharingThePhoneIsGrantedAsANewCustomer() {
        // an agent's or a group switchboard's number: two companies, one phone (a strong key, so CONFLICT at first)
        String phone = Processes.uniqueMobile();
        String existing = Processes.uniqueName("珠海市共用电话甲");
        Customer holder = new Customer(existing, Grade.B, Instant.now());
        holder.updateDetails(existing, null, "另一位联系人", phone, null, "IT", "广东省", Grade.B);
        Long customerId = ownership.importCustomer(holder,
                new OwnershipService.ImportedOwner(TestIdentities.REP_A2, TestIdentities.TEAM_A), "测试导入", "test").getId();
        String company = Processes.uniqueName("中山市共用电话乙");
        RegistrationForm form = Processes.validForm(company);
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, new RegistrationForm(form.companyName(),
                form.creditCode(), form.contactName(), phone, form.email(), form.industry(), form.region(), form.grade(),
                form.firstContactDate(), form.notes()));
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ResolveConflict");

        appeal(instance, "对方只是与我们共用代理商的电话", null);
        decide(instance, TestIdentities.MGR_A, "NOT_SAME", "名称、地址都不同，只是电话相同");
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        review(instance, "APPROVE", null, false);
        processes.executeJob(instance);

        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.APPROVED);
        Long granted = registrationOf(instance).getCustomerId();
        assertThat(granted).isNotEqualTo(customerId);
        assertThat(customers.findById(granted).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(customers.findById(customerId).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A2);
    }

    @Test
    void aRejectionAsADuplicateOfASuspectMatchCanBeAppealedOtherRejectionsCannot() {
        String trade = "藤" + java.util.UUID.randomUUID().toString().substring(0, 4);
        held("深圳市" + trade.replace("藤", "腾") + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        String company = "深圳市" + trade + "科技有限公司";

        // rejected for another reason: 报备未通过 offers no appeal, and an appeal is refused on the form
        ProcessInstance other = suspect(TestIdentities.REP_A1, company);
        review(other, "REJECT", "信息不全", false);
        Task plain = task(other);
        assertThat(taskService.getVariableLocal(plain.getId(), RegistrationVariables.APPEALABLE)).isEqualTo(false);
        assertThatThrownBy(() -> processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(plain.getId(),
                Map.of(APPEAL_ACTION, APPEAL, APPEAL_REASON, "不同意"))))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("与已有客户重复");
        assertThat(other).isWaitingAt("Task_AcknowledgeRejection");
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(plain.getId()));
        assertThat(other).isEnded().hasPassed("EndEvent_Rejected");

        // rejected as a duplicate: the submitter appeals "this is a different company"
        ProcessInstance instance = suspect(TestIdentities.REP_A1, company);
        review(instance, "REJECT", "与乙组的客户重复", true);
        assertThat(registrationOf(instance).isRejectedAsDuplicate()).isTrue();
        Task rejection = task(instance);
        assertThat(taskService.getVariableLocal(rejection.getId(), RegistrationVariables.APPEALABLE)).isEqualTo(true);
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(rejection.getId(),
                Map.of(APPEAL_ACTION, APPEAL, APPEAL_REASON, "这是另一家公司，只是名称相近")));

        assertThat(instance).isWaitingAt("Task_DecideAppeal");
        Appeal appeal = appealOf(instance);
        assertThat(appeal.getSource()).isEqualTo(io.baobei.registration.RegistrationAppeals.Source.DUPLICATE_REJECTION);
        assertThat(appeal.getDeciderGroup()).isEqualTo(Groups.SALES_DIRECTORS);
        assertThat((String) taskService.getVariableLocal(task(instance).getId(), REGISTRATION_SIDE))
                .contains("与乙组的客户重复");
        decide(instance, director, "NOT_SAME", "名称相近，但不是同一家");
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);
    }

    @Test
    void theReviewerCannotRejectAsADuplicateWhenTheCheckFoundNothing() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("深圳市无重复申诉")));
        processes.executeJob(instance);
        assertThatThrownBy(() -> review(instance, "REJECT", "重复", true))
                .isInstanceOf(InvalidInputException.class);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
    }

    @Test
    void anAppealWaitingLongerThanThePolicyIsEscalatedToTheDirectors() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EngineClock.set(start);
        String company = Processes.uniqueName("佛山市申诉升级");
        held(company, TestIdentities.REP_A2, TestIdentities.TEAM_A);
        ProcessInstance instance = conflict(TestIdentities.REP_A1, company);
        appeal(instance, "首次接触在我", null);
        Task decide = task(instance);
        assertThat(candidateGroups(decide)).doesNotContain(Groups.SALES_DIRECTORS);
        // a director may not decide before the escalation
        assertThatThrownBy(() -> decide(instance, director, "DISMISS", "过早")).isInstanceOf(Exception.class);

        EngineClock.set(start.plus(Duration.ofHours(48)).minusSeconds(60));
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().count())
                .isZero();
        EngineClock.set(start.plus(Duration.ofHours(48)).plusSeconds(60));
        processes.fireTimer(instance, "BoundaryEvent_AppealOverdue");
        assertThat(instance).isWaitingAt("Task_DecideAppeal", "Task_EscalateAppeal");
        processes.executeJob(instance);

        assertThat(instance).isWaitingAt("Task_DecideAppeal").hasPassed("EndEvent_AppealEscalated");
        Task escalated = task(instance);
        assertThat(escalated.getId()).isEqualTo(decide.getId());
        assertThat(candidateGroups(escalated)).contains(Groups.reviewersOf(TestIdentities.TEAM_A), Groups.SALES_DIRECTORS);
        Appeal appeal = appealOf(instance);
        assertThat(appeal.getEscalatedAt()).isNotNull();
        assertThat(auditActions("APPEAL", appeal.getId())).contains("APPEAL_ESCALATED");
        assertThat(notifications.of(director, 0, 50).getContent())
                .anySatisfy(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.APPEAL_ESCALATED);
                    assertThat(n.taskId()).isEqualTo(decide.getId());
                });

        decide(instance, director, "DISMISS", "已超时，由总监裁决：维持");
        assertThat(instance).isEnded().hasPassed("EndEvent_AppealDismissed");
        assertThat(appealOf(instance).getDecidedBy()).isEqualTo(director);
    }

    @Test
    void aDeciderNeverDecidesAnAppealAboutTheirOwnCustomer() {
        String company = Processes.uniqueName("东莞市主管自有");
        // the team's manager holds the customer themselves
        Long customerId = held(company, TestIdentities.MGR_A, TestIdentities.TEAM_A);
        ProcessInstance instance = conflict(TestIdentities.REP_A1, company);
        appeal(instance, "主管的客户其实是我开发的", null);
        assertThat(task(instance)).hasCandidateGroup(Groups.reviewersOf(TestIdentities.TEAM_A));

        assertThatThrownBy(() -> decide(instance, TestIdentities.MGR_A, "DISMISS", "我的客户"))
                .isInstanceOf(BusinessRuleException.class).hasMessage(AppealDeciders.OWN_CUSTOMER);
        assertThat(instance).isWaitingAt("Task_DecideAppeal");
        assertThat(appealOf(instance).getStatus()).isEqualTo(AppealStatus.OPEN);
        // the manager was not even told of it as a decider
        assertThat(notifications.of(TestIdentities.MGR_A, 0, 50).getContent())
                .noneSatisfy(n -> {
                    assertThat(n.objectType()).isEqualTo("APPEAL");
                    assertThat(n.objectId()).isEqualTo(appealOf(instance).getId().toString());
                });

        Task decide = task(instance);
        processes.asUser(TestIdentities.MGR_A, () -> taskService.setAssignee(decide.getId(), null));
        decide(instance, TestIdentities.ADMIN, "TRANSFER", "管理员裁决");
        assertThat(customers.findById(customerId).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A1);
    }

    // ---- helpers

    private Long held(String company, String owner, String team) {
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "另一位联系人", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        return ownership.importCustomer(customer, new OwnershipService.ImportedOwner(owner, team), "测试导入", "test")
                .getId();
    }

    private ProcessInstance conflict(String rep, String company) {
        ProcessInstance instance = processes.submit(rep, Processes.validForm(company));
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ResolveConflict");
        return instance;
    }

    private ProcessInstance suspect(String rep, String company) {
        ProcessInstance instance = processes.submit(rep, Processes.validForm(company));
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        assertThat(instance).variables().containsEntry(RegistrationVariables.VERDICT, Verdict.SUSPECT.name());
        return instance;
    }

    private void review(ProcessInstance instance, String decision, String reason, boolean asDuplicate) {
        Task review = task(instance);
        Map<String, Object> variables = new HashMap<>();
        variables.put(RegistrationVariables.REVIEW_DECISION, decision);
        variables.put(RegistrationVariables.REVIEW_REASON, reason);
        variables.put(RegistrationVariables.REJECTED_AS_DUPLICATE, asDuplicate);
        processes.asUser(TestIdentities.MGR_A, () -> {
            if (review.getAssignee() == null) {
                taskService.claim(review.getId(), TestIdentities.MGR_A);
            }
            taskService.complete(review.getId(), variables);
        });
    }

    /** As the submitter in Tasklist: 提出申诉 on the open 撞单处理 / 报备未通过 task. */
    private void appeal(ProcessInstance instance, String reason, String evidence) {
        Task task = task(instance);
        Map<String, Object> variables = new HashMap<>();
        variables.put(APPEAL_ACTION, APPEAL);
        variables.put(APPEAL_REASON, reason);
        variables.put(APPEAL_EVIDENCE, evidence);
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(task.getId(), variables));
    }

    /** As a decider in Tasklist: claim 裁决申诉 and complete it. */
    private void decide(ProcessInstance instance, String user, String outcome, String reason) {
        Task task = task(instance);
        processes.asUser(user, () -> {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), Map.of(OUTCOME, outcome, DECISION_REASON, reason));
        });
    }

    private DuplicateCandidate candidate(String company) {
        return new DuplicateCandidate(company, null, null, null, TestIdentities.REP_A1);
    }

    private Registration registrationOf(ProcessInstance instance) {
        return registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
    }

    private Appeal appealOf(ProcessInstance instance) {
        Registration registration = registrationOf(instance);
        return appeals.findFirstByRegistrationIdAndProcessInstanceIdOrderByIdDesc(registration.getId(), instance.getId())
                .orElseThrow();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).toList();
    }

    private List<String> auditActions(String type, Long id) {
        return audit.search(null, type, id.toString(), null, null, PageRequest.of(0, 100)).getContent().stream()
                .map(AuditEntry::getAction).toList();
    }
}
