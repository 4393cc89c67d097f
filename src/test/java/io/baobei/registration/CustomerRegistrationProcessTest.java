package io.baobei.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;

import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.ClaimRule;
import io.baobei.customer.CustomerDetailChange;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipRefusedException;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.Verdict;
import io.baobei.identity.Groups;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.registration.RegistrationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of CustomerRegistrationProcess with the real services and the real duplicate check:
 * each verdict, approve, reject, the revision loop, a conflict discovered at grant time, and refusals. Registering a
 * company that is in the pool is a claim of it: the claim rules apply at submission and at grant, and the record's
 * contact data is kept.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CustomerRegistrationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired org.camunda.bpm.engine.ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired Clock clock;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired RevisionTasksUpgrade revisionTasksUpgrade;
    @Autowired RegistrationService registrationService;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @Test
    void clearRegistrationIsReviewedApprovedAndProtected() {
        String company = Processes.uniqueName("深圳市青松科技");
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));

        assertThat(instance).isWaitingAt("Task_CheckDuplicates");
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.CHECKING);
        assertThat(registration.getSubmitter()).isEqualTo(TestIdentities.REP_A1);

        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration").hasVariables(VERDICT);
        assertThat(instance).variables().containsEntry(VERDICT, Verdict.CLEAR.name());
        assertThat(task(instance)).hasCandidateGroup(Groups.reviewersOf(TestIdentities.TEAM_A));
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);

        review(instance, TestIdentities.MGR_A, "APPROVE", null);
        assertThat(instance).isWaitingAt("Task_GrantProtection");
        processes.executeJob(instance);

        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");
        registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(registration.getDecidedBy()).isEqualTo(TestIdentities.MGR_A);
        Customer customer = customers.findById(registration.getCustomerId()).orElseThrow();
        assertThat(customer.getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(customer.getOwnerTeam()).isEqualTo(TestIdentities.TEAM_A);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        // the grant stores the analysed name the duplicate check compares against
        assertThat(customer.getAnalysedName()).isEqualTo(CompanyNames.analyze(company));
        // grade B per ProtectionPolicy.dmn: 60 days of protection, a follow-up every 10 days
        assertThat(Duration.between(customer.getProtectedSince(), customer.getProtectedUntil())).isEqualTo(Duration.ofDays(60));
        assertThat(Duration.between(customer.getProtectedSince(), customer.getNextFollowUpDue())).isEqualTo(Duration.ofDays(10));

        ProcessInstance protection = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProtectionVariables.PROCESS_KEY)
                .processInstanceBusinessKey(customer.getId().toString()).singleResult();
        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(task(protection)).isAssignedTo(TestIdentities.REP_A1);
    }

    @Test
    void contactDataNeverPersistsInEngineVariablesOrHistory() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("广州市木棉贸易")));

        Map<String, Object> variables = processes.variables(instance);
        assertThat(variables).containsKeys(REGISTRATION_ID, COMPANY_NAME, SUBMITTER, REVIEWER_GROUP)
                .doesNotContainKeys(CONTACT_NAME, PHONE, EMAIL);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(CONTACT_NAME, PHONE, EMAIL).count()).isZero();
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).formFields().count())
                .isZero();
    }

    @Test
    void suspectVerdictShowsTheMatchToTheReviewerAndApprovalTakesThePoolCustomer() {
        String company = Processes.uniqueName("佛山市南海陶瓷");
        Customer pooled = customers.save(new Customer(company, Grade.C, Instant.now(clock)));

        ProcessInstance instance = processes.submit(TestIdentities.REP_A2, Processes.validForm(company));
        processes.executeJob(instance);

        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        assertThat(instance).variables().containsEntry(VERDICT, Verdict.SUSPECT.name());
        Map<String, Object> reviewVariables = taskService.getVariablesLocal(task(instance).getId());
        assertThat((String) reviewVariables.get(DUPLICATE_SUMMARY)).contains(company).contains("在公海池中");
        // masked: the task variable lives in the engine's tables while the task is open
        assertThat((String) reviewVariables.get(CONTACT_SUMMARY)).startsWith("测** / 137****").doesNotContain("测试联系人");

        review(instance, TestIdentities.MGR_A, "APPROVE", null);
        processes.executeJob(instance);

        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");
        Customer customer = customers.findById(pooled.getId()).orElseThrow();
        assertThat(customer.getOwner()).isEqualTo(TestIdentities.REP_A2);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(customer.getAnalysedName()).isEqualTo(CompanyNames.analyze(company));
    }

    @Test
    void conflictTellsTheSubmitterOnlyThatAColleagueHoldsItAndEndsWithdrawn() {
        String company = Processes.uniqueName("东莞市松山湖电子");
        Customer held = ownedCustomer(company, TestIdentities.REP_B1, TestIdentities.TEAM_B);

        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm("  " + company + " "));
        processes.executeJob(instance);

        assertThat(instance).isWaitingAt("Task_ResolveConflict");
        assertThat(instance).variables().containsEntry(VERDICT, Verdict.CONFLICT.name());
        Task conflictTask = task(instance);
        assertThat(conflictTask).isAssignedTo(TestIdentities.REP_A1);
        String notice = (String) taskService.getVariableLocal(conflictTask.getId(), CONFLICT_NOTICE);
        // the colleague by name (test users are named "<login>测试"), not by login, and nothing of the customer
        assertThat(notice).contains("同事 " + TestIdentities.REP_B1 + "测试（测试乙组）")
                .doesNotContain("（" + TestIdentities.REP_B1 + "）")
                .doesNotContain(held.getPhone()).doesNotContain(held.getContactName());
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.CONFLICT);

        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(conflictTask.getId()));

        assertThat(instance).isEnded().hasPassed("Task_WithdrawRegistration", "EndEvent_Withdrawn");
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.WITHDRAWN);
        assertThat(customers.findById(held.getId()).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_B1);
    }

    @Test
    void theRealMatcherCatchesHowPeopleRetypeAColleaguesCustomer() {
        String trade = "騰" + java.util.UUID.randomUUID().toString().substring(0, 4);
        ownedCustomer("深圳市" + trade.replace("騰", "腾") + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);

        // traditional characters, region moved into brackets, another legal form
        ProcessInstance variant = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(trade + "科技（深圳）有限責任公司"));
        processes.executeJob(variant);
        assertThat(variant).isWaitingAt("Task_ResolveConflict");

        // one typo in the trade name: a colleague's customer is only suspected, the manager decides
        ProcessInstance typo = processes.submit(TestIdentities.REP_A1,
                Processes.validForm("深圳市" + trade.replace("騰", "藤") + "科技有限公司"));
        processes.executeJob(typo);
        assertThat(typo).isWaitingAt("Task_ReviewRegistration");
        assertThat(typo).variables().containsEntry(VERDICT, Verdict.SUSPECT.name());
        assertThat((String) taskService.getVariableLocal(task(typo).getId(), DUPLICATE_SUMMARY)).contains("公司名称相似");
    }

    @Test
    void formSubmissionsCannotRedirectTheProcessToAnotherRegistrationOrRep() {
        ProcessInstance victim = processes.submit(TestIdentities.REP_B1, Processes.validForm(Processes.uniqueName("他人报备")));
        Registration victimBefore = registrationOf(victim);

        // a start carrying a variable the start form does not have is refused, nothing is created
        Map<String, Object> tampered = Processes.validForm(Processes.uniqueName("篡改测试")).toVariables();
        tampered.put(SUBMITTER, TestIdentities.REP_B1);
        long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
        assertThatThrownBy(() -> processes.as(TestIdentities.REP_A1, () ->
                runtimeService.startProcessInstanceByKey(PROCESS_KEY, tampered)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(SUBMITTER);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
                .isEqualTo(instancesBefore);

        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("篡改测试")));
        assertThat(registrationOf(instance).getSubmitter()).as("the authenticated user submits").isEqualTo(TestIdentities.REP_A1);
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "REVISE", "请补充");
        Task revise = task(instance);
        Map<String, Object> hijack = Processes.validForm("被改掉的名字有限公司").toVariables();
        hijack.put(REGISTRATION_ID, victimBefore.getId());
        hijack.put(SUBMITTER, TestIdentities.REP_B1);
        assertThatThrownBy(() -> processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(revise.getId(), hijack)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(task(instance).getId()).as("the revision stays open").isEqualTo(revise.getId());

        // the form's own fields are accepted and change only this registration
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(revise.getId(),
                Processes.validForm("被改掉的名字有限公司").toVariables()));
        assertThat(registrationOf(victim).getCompanyName()).isEqualTo(victimBefore.getCompanyName());
        assertThat(registrationOf(instance).getCompanyName()).isEqualTo("被改掉的名字有限公司");
        assertThat(instance).variables().containsEntry(SUBMITTER, TestIdentities.REP_A1)
                .containsEntry(REGISTRATION_ID, registrationOf(instance).getId());
    }

    @Test
    void rejectionNeedsAReasonAndEndsRejected() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("珠海市横琴咨询")));
        processes.executeJob(instance);
        Task review = task(instance);
        processes.asUser(TestIdentities.MGR_A, () -> taskService.claim(review.getId(), TestIdentities.MGR_A));

        assertThatThrownBy(() -> processes.asUser(TestIdentities.MGR_A,
                () -> taskService.complete(review.getId(), Map.of(REVIEW_DECISION, "REJECT"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("请填写原因");
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");

        review(instance, TestIdentities.MGR_A, "REJECT", "客户信息无法核实");

        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(registration.getDecisionReason()).isEqualTo("客户信息无法核实");
        assertThat(registration.getCustomerId()).isNull();
        acknowledgeNotPassed(instance, "Task_AcknowledgeRejection", TestIdentities.REP_A1, "驳回了这份报备", "客户信息无法核实");
        assertThat(instance).isEnded().hasPassed("Task_AcknowledgeRejection", "EndEvent_Rejected");
    }

    @Test
    void aRegistrationIsWithdrawnFromOutsideAtWhateverStepItWaitsAndADecidedOneIsLeftAlone() {
        // still being checked (the duplicate check's job pending), in review, and sent back for revision
        ProcessInstance checking = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("撤回查重中")));
        ProcessInstance inReview = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("撤回待审核")));
        processes.executeJob(inReview);
        ProcessInstance revision = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("撤回退回")));
        processes.executeJob(revision);
        review(revision, TestIdentities.MGR_A, "REVISE", "请补充信用代码");
        assertThat(revision).isWaitingAt("Task_ReviseRegistration");

        for (ProcessInstance instance : List.of(checking, inReview, revision)) {
            assertThat(registrationService.withdrawFromOutside(instance.getId(), "离职交接 #1：repA1 已离职")).isTrue();
            assertThat(instance).isEnded().hasPassed("Task_RecordWithdrawal", "EndEvent_WithdrawnFromOutside");
            Registration withdrawn = registrationOf(instance);
            assertThat(withdrawn.getStatus()).isEqualTo(RegistrationStatus.WITHDRAWN);
            assertThat(withdrawn.getRefusalReason()).isEqualTo("离职交接 #1：repA1 已离职");
            assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
            assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        }
        // once decided and ended, there is nothing to withdraw
        assertThat(registrationService.withdrawFromOutside(checking.getId(), "再次撤回")).isFalse();
        assertThat(registrationOf(checking).getRefusalReason()).isEqualTo("离职交接 #1：repA1 已离职");
    }

    /**
     * The submitter's 报备未通过 task: assigned to them, showing the company, who decided and the reason; it asks for
     * nothing and closes with 完成.
     */
    private void acknowledgeNotPassed(ProcessInstance instance, String taskKey, String submitter, String notice,
                                      String reason) {
        assertThat(instance).isWaitingAt(taskKey);
        Task told = task(instance);
        assertThat(told).isAssignedTo(submitter).hasName("报备未通过");
        // what the form loads
        Map<String, Object> shown = processes.as(submitter, () -> engine.getFormService().getTaskFormVariables(told.getId()));
        assertThat(shown).containsEntry(COMPANY_NAME, registrationOf(instance).getCompanyName())
                .containsEntry(REJECTION_REASON, reason);
        assertThat((String) shown.get(DECISION_NOTICE)).startsWith("主管 " + TestIdentities.MGR_A).contains(notice);
        assertThat(shown).doesNotContainKeys(CONTACT_NAME, PHONE, EMAIL);
        // the form has no field to fill: anything sent with it is refused
        assertThatThrownBy(() -> processes.asUser(submitter, () -> engine.getFormService().submitTaskForm(told.getId(),
                Map.of(REVIEW_DECISION, "APPROVE")))).isInstanceOf(InvalidInputException.class);
        processes.asUser(submitter, () -> engine.getFormService().submitTaskForm(told.getId(), Map.of()));
    }

    @Test
    void sentBackRegistrationIsRevisedCheckedAgainAndReviewedAgain() {
        String company = Processes.uniqueName("中山市古镇灯饰");
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));
        processes.executeJob(instance);
        String originalPhone = registrationOf(instance).getPhone();

        review(instance, TestIdentities.MGR_A, "REVISE", "请补充统一社会信用代码");

        assertThat(instance).isWaitingAt("Task_ReviseRegistration");
        Task revise = task(instance);
        assertThat(revise).isAssignedTo(TestIdentities.REP_A1);
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.REVISION);
        // the revision form shows what was entered, the contact data included, and who sent it back
        Map<String, Object> formVariables = taskService.getVariables(revise.getId());
        assertThat(formVariables).containsEntry(COMPANY_NAME, company).containsEntry(REVIEW_REASON, "请补充统一社会信用代码")
                .containsEntry(PHONE, originalPhone).containsEntry(CONTACT_NAME, "测试联系人")
                .containsEntry(REVIEWER_NAME, TestIdentities.MGR_A + "测试")
                .doesNotContainKey(EMAIL); // none was entered
        // ... from the task alone: the process itself holds no contact data
        assertThat(processes.variables(instance)).doesNotContainKeys(PHONE, CONTACT_NAME, EMAIL);

        Map<String, Object> invalid = Processes.validForm(company).toVariables();
        invalid.put(PHONE, "12345");
        assertThatThrownBy(() -> processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(revise.getId(), invalid)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("联系电话格式不正确");
        assertThat(instance).isWaitingAt("Task_ReviseRegistration");

        Map<String, Object> revised = Processes.validForm(company).toVariables();
        revised.put(CREDIT_CODE, "91440300MA5D00000X".substring(0, 17) + io.baobei.dedup.CreditCodes.checkCharacter("91440300MA5D00000"));
        revised.put(PHONE, "");
        revised.put(CONTACT_NAME, "");
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(revise.getId(), revised));

        assertThat(instance).isWaitingAt("Task_CheckDuplicates");
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.CHECKING);
        assertThat(registration.getCreditCode()).startsWith("91440300MA5D00000");
        assertThat(registration.getPhone()).as("empty contact fields keep their value").isEqualTo(originalPhone);
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        assertThat(instance).hasPassed("Task_ReviseRegistration", "Gateway_MergeSubmission", "Task_ValidateRegistration");

        // approved in the second round without a reason (the form hides it for 批准): the send-back reason of the
        // first round is not recorded as this decision's
        Task secondReview = task(instance);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(secondReview.getId(), TestIdentities.MGR_A);
            taskService.complete(secondReview.getId(), Map.of(REVIEW_DECISION, "APPROVE"));
        });
        assertThat(registrationOf(instance).getDecision()).isEqualTo(ReviewDecision.APPROVE);
        assertThat(registrationOf(instance).getDecisionReason()).isNull();
    }

    @Test
    void aCompanyRenamedInTheRevisionFormIsWhatTheDuplicateCheckAndTheManagerSeeNext() {
        String company = Processes.uniqueName("惠州市大亚湾石化");
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "REVISE", "公司名称请写营业执照上的全称");
        // the full name the rep types in is a company in the pool: the duplicate check must look at the new name
        String renamed = Processes.uniqueName("惠州大亚湾石化设备");
        customers.save(new Customer(renamed, Grade.C, Instant.now(clock)));

        // exactly as Tasklist submits the Camunda Form of 修改报备
        Task revise = task(instance);
        Map<String, Object> form = Processes.validForm(renamed).toVariables();
        form.put(CONTACT_NAME, "");
        form.put(PHONE, "");
        processes.asUser(TestIdentities.REP_A1, () -> engine.getFormService().submitTaskForm(revise.getId(), form));

        assertThat(registrationOf(instance).getCompanyName()).isEqualTo(renamed);
        assertThat(instance).variables().containsEntry(COMPANY_NAME, renamed);
        processes.executeJob(instance);
        assertThat(instance).isWaitingAt("Task_ReviewRegistration");
        assertThat(instance).variables().containsEntry(VERDICT, Verdict.SUSPECT.name());
        Task review = task(instance);
        assertThat(taskService.getVariableLocal(review.getId(), io.baobei.engine.TaskCardListener.CARD_COMPANY_NAME))
                .as("the review's card").isEqualTo(renamed);
        assertThat(taskService.getVariableLocal(review.getId(), COMPANY_NAME)).as("no copy shadows the form field").isNull();
        assertThat((String) taskService.getVariableLocal(review.getId(), DUPLICATE_SUMMARY)).contains(renamed);

        // a completion with variables (REST API) keeps working the same way
        review(instance, TestIdentities.MGR_A, "REVISE", "请再核对名称");
        Task again = task(instance);
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(again.getId(),
                Processes.validForm(company).toVariables()));
        assertThat(registrationOf(instance).getCompanyName()).isEqualTo(company);
    }

    @Test
    void theRevisionFormShowsTheContactDataEnteredAndTakesTheEditedValues() throws Exception {
        String company = Processes.uniqueName("江门市侨乡五金");
        RegistrationForm first = new RegistrationForm(company, null, "温女士", Processes.uniqueMobile(),
                "wen@example.cn", "MANUFACTURING", "广东省江门市", "B", java.time.LocalDate.now(clock).toString(), null);
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, first);
        processes.executeJob(instance);
        Task review = task(instance);
        assertThat(taskService.getVariablesLocal(review.getId())).as("the manager's task carries no contact data")
                .doesNotContainKeys(PHONE, CONTACT_NAME, EMAIL)
                .containsEntry(SUBMITTER_NAME, TestIdentities.REP_A1 + "测试（" + TestIdentities.REP_A1 + "）");
        review(instance, TestIdentities.MGR_A, "REVISE", "联系人请写全名");

        Task revise = task(instance);
        // what Tasklist loads into the form, as the rep
        Map<String, Object> shown = processes.as(TestIdentities.REP_A1, () ->
                engine.getFormService().getTaskFormVariables(revise.getId()));
        assertThat(shown).containsEntry(CONTACT_NAME, "温女士").containsEntry(PHONE, first.phone())
                .containsEntry(EMAIL, "wen@example.cn");
        // stored encrypted while the task is open, and never in history
        List<Map<String, Object>> rows = jdbcTemplate().queryForList(
                "select NAME_, TYPE_, TEXT_ from ACT_RU_VARIABLE where TASK_ID_ = ? and NAME_ in ('contactName', 'phone', 'email')",
                revise.getId());
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("TYPE_")).isEqualTo(io.baobei.privacy.EncryptedStringVariable.SERIALIZER_NAME);
            assertThat((String) row.get("TEXT_")).startsWith(io.baobei.privacy.ContactCrypto.PREFIX);
        });
        assertThat(rows.toString()).doesNotContain(first.phone()).doesNotContain("温女士").doesNotContain("wen@");

        // exactly as Tasklist submits the Camunda Form: the shown values, some edited, the email emptied
        Map<String, Object> form = new java.util.HashMap<>(first.toVariables());
        form.put(CONTACT_NAME, "温晓梅");
        form.put(EMAIL, "");
        processes.asUser(TestIdentities.REP_A1, () -> engine.getFormService().submitTaskForm(revise.getId(), form));

        Registration revised = registrationOf(instance);
        assertThat(revised.getContactName()).isEqualTo("温晓梅");
        assertThat(revised.getPhone()).isEqualTo(first.phone());
        assertThat(revised.getEmail()).as("emptied in the form").isNull();
        assertThat(processes.variables(instance)).doesNotContainKeys(PHONE, CONTACT_NAME, EMAIL);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(CONTACT_NAME, PHONE, EMAIL).count()).isZero();
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list())
                .as("no variable update of them either")
                .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
                .doesNotContain(CONTACT_NAME, PHONE, EMAIL);
    }

    @Test
    void aRevisionTaskOpenedBeforeTheUpgradeGetsTheContactDataAtStartUp() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("升级前退回")));
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "REVISE", "请核对");
        Task revise = task(instance);
        // as an earlier version left it: no contact data on the task
        taskService.removeVariablesLocal(revise.getId(), List.of(CONTACT_NAME, PHONE, EMAIL));

        revisionTasksUpgrade.run(null);

        assertThat(taskService.getVariablesLocal(revise.getId())).containsEntry(PHONE, registrationOf(instance).getPhone())
                .containsEntry(CONTACT_NAME, "测试联系人");
    }

    @Test
    void registeringOnesOwnCustomerIsRefusedAtOnceInsteadOfReachingTheManager() {
        String trade = "榕" + java.util.UUID.randomUUID().toString().substring(0, 4);
        String company = "福州市" + trade + "茶业有限公司";
        Customer own = ownedCustomer(company, TestIdentities.REP_A1, TestIdentities.TEAM_A);
        String until = io.baobei.common.DisplayTimes.day(own.getProtectedUntil(), clock);
        long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();

        // the same name after normalisation: spaces, full-width brackets, a full stop
        assertThatThrownBy(() -> processes.submit(TestIdentities.REP_A1,
                Processes.validForm(" 福州市 " + trade + "茶业（有限公司）。")))
                .isInstanceOf(OwnCustomerException.class)
                .hasMessage("该客户已在您名下：" + company + "（保护期至 " + until + "），无需再次报备")
                .satisfies(e -> assertThat(((OwnCustomerException) e).customerId()).isEqualTo(own.getId()));
        // the same phone under another name
        RegistrationForm samePhone = new RegistrationForm(Processes.uniqueName("别名"), null, "某人", own.getPhone(),
                null, "IT", "福建省福州市", "B", java.time.LocalDate.now(clock).toString(), null);
        assertThatThrownBy(() -> processes.submit(TestIdentities.REP_A1, samePhone))
                .isInstanceOf(OwnCustomerException.class).hasMessageStartingWith("该客户已在您名下：" + company);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
                .as("nothing started, nothing for the manager").isEqualTo(instancesBefore);

        // a revision renamed to one's own customer is refused the same way, the task stays open
        ProcessInstance other = processes.submit(TestIdentities.REP_A1, Processes.validForm(Processes.uniqueName("改名测试")));
        processes.executeJob(other);
        review(other, TestIdentities.MGR_A, "REVISE", "请核对名称");
        Task revise = task(other);
        assertThatThrownBy(() -> processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(revise.getId(),
                Processes.validForm(company).toVariables()))).isInstanceOf(OwnCustomerException.class);
        assertThat(task(other).getId()).isEqualTo(revise.getId());

        // a merely similar name goes to the manager, who reads that it is the submitter's own customer
        ProcessInstance similar = processes.submit(TestIdentities.REP_A1, Processes.validForm("福州" + trade + "茶叶有限公司"));
        processes.executeJob(similar);
        assertThat(similar).isWaitingAt("Task_ReviewRegistration");
        String summary = (String) taskService.getVariableLocal(task(similar).getId(), DUPLICATE_SUMMARY);
        assertThat(summary).contains(company).contains("已由提交人本人保护").doesNotContain("你名下").doesNotContain("您名下");

        // a colleague registering it: the manager reads who holds it, by name
        ProcessInstance colleague = processes.submit(TestIdentities.REP_A2, Processes.validForm("福州" + trade + "茶叶有限公司"));
        processes.executeJob(colleague);
        if (task(colleague).getTaskDefinitionKey().equals("Task_ReviewRegistration")) {
            assertThat((String) taskService.getVariableLocal(task(colleague).getId(), DUPLICATE_SUMMARY))
                    .contains("已由 " + TestIdentities.REP_A1 + "测试（" + TestIdentities.REP_A1 + "） 保护（测试甲组）");
        }
    }

    @Test
    void aColleagueWinningTheCustomerBeforeTheGrantEndsInTheConflictPath() {
        String company = Processes.uniqueName("江门市侨乡五金");
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "APPROVE", null);
        // between approval and grant, a rep of team B got the same customer
        ownedCustomer(company, TestIdentities.REP_B1, TestIdentities.TEAM_B);

        processes.executeJob(instance);

        assertThat(instance).hasPassed("Gateway_GrantOutcome").isWaitingAt("Task_ResolveConflict");
        assertThat(instance).variables().containsEntry(GRANT_OUTCOME, "CONFLICT");
        assertThat(registrationOf(instance).getStatus()).isEqualTo(RegistrationStatus.CONFLICT);
        assertThat((String) taskService.getVariableLocal(task(instance).getId(), CONFLICT_NOTICE)).contains("测试乙组");
    }

    @Test
    void invalidSubmissionIsRefusedAndNothingIsSaved() {
        long registrationsBefore = registrations.count();
        long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
        RegistrationForm form = new RegistrationForm("", "123", null, "555", "not-an-email", "IT", "广州", "Z", "tomorrow", null);

        assertThatThrownBy(() -> processes.submit(TestIdentities.REP_A1, form))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("请填写公司名称").hasMessageContaining("统一社会信用代码不正确")
                .hasMessageContaining("请填写联系人").hasMessageContaining("联系电话格式不正确")
                .hasMessageContaining("邮箱格式不正确").hasMessageContaining("意向等级应为")
                .hasMessageContaining("首次接触日期格式不正确");

        assertThat(registrations.count()).isEqualTo(registrationsBefore);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
                .isEqualTo(instancesBefore);
    }

    @Test
    void aRepOfAnotherTeamCannotSeeTheReviewTask() {
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("汕头市澄海玩具")));
        processes.executeJob(instance);

        long visibleToManagerB = processes.as(TestIdentities.MGR_B, () -> taskService.createTaskQuery()
                .processInstanceId(instance.getId()).count());
        long visibleToRep = processes.as(TestIdentities.REP_A2, () -> taskService.createTaskQuery()
                .processInstanceId(instance.getId()).count());
        long visibleToManagerA = processes.as(TestIdentities.MGR_A, () -> taskService.createTaskQuery()
                .processInstanceId(instance.getId()).count());
        assertThat(visibleToManagerB).isZero();
        assertThat(visibleToRep).isZero();
        assertThat(visibleToManagerA).isEqualTo(1);
    }

    @Test
    void aRepInCooldownCannotTakeBackAPoolCustomerByRegisteringIt() {
        String rep = identities.newRep("crCool", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("湛江市霞山海产");
        Long id = poolCustomer(company, null);
        ownership.claim(id, rep, OwnershipService.Counted.NOTHING, null, rep);
        ownership.release(id, rep, "暂不跟进", null);
        List<OwnershipEvent> history = ownership.historyOf(id);
        Instant until = history.get(history.size() - 1).getOccurredAt().plus(Duration.ofDays(30));

        assertThatThrownBy(() -> processes.submit(rep, Processes.validForm(company)))
                .isInstanceOfSatisfying(OwnershipRefusedException.class, refused -> {
                    assertThat(refused.refusal().rule()).isEqualTo(ClaimRule.COOLDOWN);
                    assertThat(refused.refusal().message()).contains("30 天冷却期内您不能再领取或报备它")
                            .contains(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone())
                                    .format(until) + " 起可以");
                });

        assertThat(registrations.findBySubmitter(rep, org.springframework.data.domain.Pageable.unpaged()))
                .as("nothing is saved").isEmpty();
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void anApprovalTheQuotaNoLongerAllowsEndsRefusedWithTheReason() {
        String rep = identities.newRep("crFull", TestIdentities.TEAM_A);
        ProcessInstance instance = processes.submit(rep, Processes.validForm(Processes.uniqueName("茂名市电白化工")));
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "APPROVE", null);
        // between approval and grant, the rep came to hold the quota's 50 customers
        protectFor(rep, 50);

        processes.executeJob(instance);

        assertThat(instance).variables().containsEntry(GRANT_OUTCOME, "REFUSED");
        Registration registration = registrationOf(instance);
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.REFUSED);
        assertThat(registration.getCustomerId()).isNull();
        assertThat(registration.getRefusalReason()).contains("已达保有量上限（50 个）");
        acknowledgeNotPassed(instance, "Task_AcknowledgeRefusal", rep, "归属规则不允许", registration.getRefusalReason());
        assertThat(instance).isEnded().hasPassed("Task_GrantProtection", "Gateway_GrantOutcome", "Task_AcknowledgeRefusal",
                "EndEvent_GrantRefused").hasNotPassed("EndEvent_Approved");
        assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).isEqualTo(50);
    }

    @Test
    void anApprovedRegistrationOfAPoolCustomerKeepsTheRecordAndRecordsTheDifferences() {
        String rep = identities.newRep("crDiff", TestIdentities.TEAM_A);
        String company = Processes.uniqueName("揭阳市榕城不锈钢");
        String storedPhone = Processes.uniqueMobile();
        Long id = poolCustomer(company, storedPhone);

        ProcessInstance instance = processes.submit(rep, Processes.validForm(company));
        processes.executeJob(instance);
        review(instance, TestIdentities.MGR_A, "APPROVE", null);
        processes.executeJob(instance);

        assertThat(instance).isEnded().hasPassed("EndEvent_Approved");
        Registration registration = registrationOf(instance);
        assertThat(registration.getCustomerId()).isEqualTo(id);
        Customer customer = customers.findById(id).orElseThrow();
        assertThat(customer.getOwner()).isEqualTo(rep);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        // what the record had is kept; what it lacked is filled
        assertThat(customer.getContactName()).isEqualTo("王先生");
        assertThat(customer.getPhone()).isEqualTo(storedPhone);
        assertThat(customer.getIndustry()).isEqualTo("IT");
        assertThat(customer.getRegion()).isEqualTo("广东省深圳市");

        List<CustomerDetailChange> changes = ownership.detailChangesOf(id);
        assertThat(changes).extracting(CustomerDetailChange::getField).containsExactlyInAnyOrder("contactName", "phone");
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getProposedBy()).isEqualTo(rep);
            assertThat(change.getRegistrationId()).isEqualTo(registration.getId());
        });
        assertThat(changes).filteredOn(c -> c.getField().equals("contactName")).singleElement()
                .satisfies(c -> assertThat(c.getProposedValue()).isEqualTo("测试联系人"));
        assertThat(changes).filteredOn(c -> c.getField().equals("phone")).singleElement()
                .satisfies(c -> assertThat(c.getProposedValue()).isEqualTo(registration.getPhone()));
        List<OwnershipEvent> history = ownership.historyOf(id);
        OwnershipEvent claimed = history.get(history.size() - 1);
        assertThat(claimed.getAction()).isEqualTo(OwnershipAction.CLAIMED);
        assertThat(claimed.getRegistrationId()).isEqualTo(registration.getId());
        assertThat(claimed.getReason()).contains("报备填写的联系人、联系电话与客户档案不同，已记录为待核对的变更，未覆盖档案");
    }

    private void review(ProcessInstance instance, String manager, String decision, String reason) {
        Task review = task(instance);
        assertThat(review).hasDefinitionKey("Task_ReviewRegistration");
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put(REVIEW_DECISION, decision);
        variables.put(REVIEW_REASON, reason);
        processes.asUser(manager, () -> {
            if (review.getAssignee() == null) {
                taskService.claim(review.getId(), manager);
            }
            taskService.complete(review.getId(), variables);
        });
    }

    private Customer ownedCustomer(String company, String owner, String team) {
        Instant now = Instant.now(clock);
        Customer customer = new Customer(company, Grade.B, now);
        customer.updateDetails(company, null, "另一位联系人", Processes.uniqueMobile(),
                null, "IT", "广东省", Grade.B);
        io.baobei.customer.TestCustomers.protect(customer, owner, team, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        return customers.save(customer);
    }

    /** A customer in the pool, claimable at once; without region, and with {@code phone} when given. */
    /** A customer in the pool, claimable at once; without region (an approved registration fills it). */
    private Long poolCustomer(String company, String phone) {
        return io.baobei.customer.TestCustomers.inPool(ownership, company, Grade.B, null, phone);
    }

    private void protectFor(String rep, int count) {
        io.baobei.customer.TestCustomers.protectFor(ownership, rep, TestIdentities.TEAM_A, count);
    }

    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate() {
        return new org.springframework.jdbc.core.JdbcTemplate(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getDataSource());
    }

    private Registration registrationOf(ProcessInstance instance) {
        return registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
    }
}
