package io.baobei.engine;

import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.common.BusinessRuleException;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;

import static io.baobei.registration.RegistrationVariables.*;
import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java API calls made for a signed-in user pass the same guard as the REST paths; and where even an admin starts
 * a process at an inner step, every delegate and listener refuses to act on a registration or customer that is
 * not its instance's, or in a state that does not allow the step.
 */
@BaobeiSpringTest
class EngineEntryGuardTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired TaskService taskService;

    private Registration inReview(String user) {
        ProcessInstance instance = processes.submit(user, Processes.validForm(Processes.uniqueName("内部入口")));
        processes.executeJob(instance);
        Registration registration = registrations.findByProcessInstanceId(instance.getId()).orElseThrow();
        assertThat(registration.getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);
        return registration;
    }

    private long instances() {
        return runtimeService.createProcessInstanceQuery().count();
    }

    @Test
    void aRepCannotStartAtAnInnerStepChooseTheBusinessKeyOrSkipListeners() {
        Registration victim = inReview(REP_B1);
        long before = instances();
        Map<String, Object> form = Processes.validForm(Processes.uniqueName("业务键")).toVariables();

        assertThatThrownBy(() -> processes.as(REP_A1, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(victim.getId().toString()).startBeforeActivity("Task_RecordReview")
                .setVariable(REVIEW_DECISION, "APPROVE").setVariable(REVIEWED_BY, MGR_B).execute()))
                .isInstanceOf(EntryRefusedException.class);
        assertThatThrownBy(() -> processes.as(REP_A1, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(victim.getId().toString()).setVariables(form).execute()))
                .isInstanceOf(EntryRefusedException.class).hasMessageContaining("业务键");
        assertThatThrownBy(() -> processes.as(REP_A1, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .setVariables(form).execute(true, true)))
                .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class); // Camunda's own refusal
        assertThatThrownBy(() -> processes.as(MGR_B, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .startBeforeActivity("Task_GrantProtection").businessKey(victim.getId().toString()).execute()))
                .isInstanceOf(EntryRefusedException.class);
        // writing variables into a running instance around its forms
        assertThatThrownBy(() -> processes.asUser(REP_B1, () ->
                runtimeService.setVariable(victim.getProcessInstanceId(), REVIEWED_BY, MGR_B)))
                .isInstanceOf(EntryRefusedException.class);
        // a byte array where the form has text
        Map<String, Object> bytes = Processes.validForm(Processes.uniqueName("字节")).toVariables();
        bytes.put(NOTES, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> processes.as(REP_A1, () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, bytes)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("格式不正确");

        assertThat(registrations.findById(victim.getId()).orElseThrow().getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void anAdminMayStartAtAnInnerStepButNoStepActsOnAnotherInstancesRegistration() {
        Registration victim = inReview(REP_B1);
        String key = victim.getId().toString();

        // admins may (Cockpit repairs): an instance started at its end ends at once
        ProcessInstance repaired = processes.as(ADMIN, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .startBeforeActivity("EndEvent_Withdrawn").execute());
        assertThat(repaired.isEnded()).isTrue();

        // but the steps check their registration: none belongs to a new instance
        for (String step : new String[] {"Task_RecordReview", "Task_WithdrawRegistration", "Task_ValidateRegistration",
                "Task_CheckQuota", "Task_ReviewRegistration", "Task_ResolveConflict"}) {
            assertThatThrownBy(() -> processes.as(ADMIN, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(key).startBeforeActivity(step)
                    .setVariable(REVIEW_DECISION, "APPROVE").setVariable(REVIEWED_BY, MGR_B).execute()))
                    .as(step).isInstanceOf(ProcessEngineException.class); // BusinessRuleException, or no reviewer group
        }
        ProcessInstance grant = processes.as(ADMIN, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(key).startBeforeActivity("Task_GrantProtection").execute());
        Job job = managementService.createJobQuery().processInstanceId(grant.getId()).singleResult();
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(BusinessRuleException.class);
        runtimeService.deleteProcessInstance(grant.getId(), "test");

        Registration after = registrations.findById(victim.getId()).orElseThrow();
        assertThat(after.getStatus()).isEqualTo(RegistrationStatus.IN_REVIEW);
        assertThat(after.getDecidedBy()).isNull();
        assertThat(after.getCustomerId()).isNull();
    }

    @Test
    void aReviewRecordedOutsideTheReviewTaskIsRefusedEvenForAnAdmin() {
        Registration victim = inReview(REP_B1);
        // the registration's own instance, moved by an admin to the recording step with a stored "reviewedBy"
        assertThatThrownBy(() -> processes.asUser(ADMIN, () -> runtimeService.createProcessInstanceModification(
                victim.getProcessInstanceId()).startBeforeActivity("Task_RecordReview")
                .setVariable(REVIEW_DECISION, "APPROVE").setVariable(REVIEWED_BY, MGR_B).execute()))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("审核任务");
        assertThat(registrations.findById(victim.getId()).orElseThrow().getDecidedBy()).isNull();
    }

    @Test
    void protectionStepsActOnlyOnTheirOwnInstancesProtectedCustomer() {
        Registration registration = inReview(REP_A1);
        processes.asUser(MGR_A, () -> {
            var task = engine.getTaskService().createTaskQuery().processInstanceId(registration.getProcessInstanceId())
                    .singleResult();
            engine.getTaskService().claim(task.getId(), MGR_A);
            engine.getTaskService().complete(task.getId(), Map.of(REVIEW_DECISION, "APPROVE"));
        });
        Job grant = managementService.createJobQuery().processInstanceId(registration.getProcessInstanceId()).singleResult();
        managementService.executeJob(grant.getId());
        Customer customer = customers.findById(registrations.findById(registration.getId()).orElseThrow().getCustomerId())
                .orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);

        for (String step : new String[] {"Task_ReclaimExpired", "Task_RecordFollowUp", "Task_MarkConverted"}) {
            ProcessInstance stray = processes.as(ADMIN, () -> runtimeService.createProcessInstanceByKey(
                            ProtectionVariables.PROCESS_KEY).businessKey(customer.getId().toString())
                    .startBeforeActivity(step).setVariable(ProtectionVariables.RECLAIM_REASON, "PROTECTION_EXPIRED")
                    .setVariable(ProtectionVariables.FOLLOW_UP_ACTION, "DEAL_WON")
                    .setVariable(ProtectionVariables.CHANNEL, "PHONE").setVariable(ProtectionVariables.CONTENT, "伪造")
                    .execute());
            Job job = managementService.createJobQuery().processInstanceId(stray.getId()).singleResult();
            try {
                managementService.executeJob(job.getId());
            } catch (BusinessRuleException refused) {
                // the follow-up steps refuse; the reclaim leaves a customer of another instance alone
            }
            runtimeService.createProcessInstanceQuery().processInstanceId(stray.getId()).list()
                    .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test"));
            Customer after = customers.findById(customer.getId()).orElseThrow();
            assertThat(after.getStatus()).as(step).isEqualTo(CustomerStatus.PROTECTED);
            assertThat(after.getOwner()).as(step).isEqualTo(REP_A1);
        }
    }

    /** The follow-up task of a customer just granted to {@code rep}: assigned by the model (${owner}). */
    private Task followUpTaskOf(String rep) {
        Registration registration = inReview(rep);
        processes.asUser(MGR_A, () -> {
            Task review = taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId()).singleResult();
            taskService.claim(review.getId(), MGR_A);
            taskService.complete(review.getId(), Map.of(REVIEW_DECISION, "APPROVE"));
        });
        processes.executeJob(runtimeService.createProcessInstanceQuery()
                .processInstanceId(registration.getProcessInstanceId()).singleResult());
        Customer customer = customers.findById(registrations.findById(registration.getId()).orElseThrow().getCustomerId())
                .orElseThrow();
        Task followUp = taskService.createTaskQuery().processInstanceId(customer.getProtectionProcessInstanceId())
                .taskDefinitionKey("Task_FollowUp").singleResult();
        assertThat(followUp.getAssignee()).isEqualTo(rep);
        return followUp;
    }

    @Test
    void neitherTheRepNorAManagerUnassignsOrHandsOnAFollowUpTaskButAnAdminMay() {
        Task followUp = followUpTaskOf(REP_A1);
        String id = followUp.getId();
        java.util.List<Runnable> attempts = java.util.List.of(
                () -> taskService.claim(id, null), // Tasklist's "×" beside the assignee (unclaim)
                () -> taskService.setAssignee(id, null), // Tasklist's reset of the assignee
                () -> taskService.setAssignee(id, REP_A2),
                () -> taskService.claim(id, REP_A2),
                () -> taskService.delegateTask(id, REP_A2),
                () -> taskService.setOwner(id, REP_A2),
                () -> taskService.addCandidateGroup(id, "sales"),
                () -> taskService.addCandidateUser(id, REP_A2),
                () -> taskService.deleteUserIdentityLink(id, REP_A1, IdentityLinkType.ASSIGNEE),
                () -> taskService.handleBpmnError(id, "any"));
        // the task as the rep's PUT /task/{id} would send it back, with the assignee removed
        Task edited = taskService.createTaskQuery().taskId(id).singleResult();
        edited.setAssignee(null);
        attempts = new java.util.ArrayList<>(attempts);
        attempts.add(() -> taskService.saveTask(edited));
        for (String user : new String[] {REP_A1, MGR_A}) {
            for (int i = 0; i < attempts.size(); i++) {
                Runnable attempt = attempts.get(i);
                assertThatThrownBy(() -> processes.asUser(user, attempt)).as(user + " attempt " + i)
                        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class)
                        .hasMessageMatching(".*\\p{IsHan}.*");
            }
        }
        assertThatThrownBy(() -> processes.asUser(REP_A1, () -> taskService.claim(id, null)))
                .hasMessage(EngineEntryGuard.MODEL_ASSIGNED);
        Task after = taskService.createTaskQuery().taskId(id).singleResult();
        assertThat(after.getAssignee()).isEqualTo(REP_A1);
        assertThat(after.getOwner()).isNull();
        assertThat(taskService.getIdentityLinksForTask(id)).extracting(l -> l.getType())
                .containsOnly(IdentityLinkType.ASSIGNEE);

        // an admin may still reassign (repairs)
        processes.asUser(ADMIN, () -> taskService.setAssignee(id, REP_A2));
        assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isEqualTo(REP_A2);
        processes.asUser(ADMIN, () -> taskService.setAssignee(id, REP_A1));
    }

    @Test
    void aManagerClaimsAReviewForThemselvesAndMayGiveItBackButNotHandItToSomeoneElse() {
        Registration registration = inReview(REP_A1);
        String id = taskService.createTaskQuery().processInstanceId(registration.getProcessInstanceId()).singleResult().getId();

        assertThatThrownBy(() -> processes.asUser(MGR_A, () -> taskService.claim(id, REP_A2)))
                .hasMessage(EngineEntryGuard.GROUP_TASK);
        assertThatThrownBy(() -> processes.asUser(MGR_A, () -> taskService.setAssignee(id, REP_A2)))
                .hasMessage(EngineEntryGuard.GROUP_TASK);
        assertThatThrownBy(() -> processes.asUser(MGR_A, () -> taskService.deleteCandidateGroup(id,
                io.baobei.identity.Groups.reviewersOf(TEAM_A)))).hasMessage(EngineEntryGuard.GROUP_TASK);

        // someone else's claim is theirs to give back (or an admin's to reassign)
        processes.asUser(ADMIN, () -> taskService.claim(id, ADMIN));
        assertThatThrownBy(() -> processes.asUser(MGR_A, () -> taskService.claim(id, null)))
                .hasMessage(EngineEntryGuard.GROUP_TASK);
        assertThatThrownBy(() -> processes.asUser(MGR_A, () -> taskService.setAssignee(id, MGR_A)))
                .hasMessage(EngineEntryGuard.GROUP_TASK);
        processes.asUser(ADMIN, () -> taskService.setAssignee(id, null));

        processes.asUser(MGR_A, () -> taskService.claim(id, MGR_A));
        assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isEqualTo(MGR_A);
        // given back to the group (Tasklist's "×"): nothing is lost, the team's managers see it again
        processes.asUser(MGR_A, () -> taskService.claim(id, null));
        assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isNull();
        processes.asUser(MGR_A, () -> taskService.setAssignee(id, MGR_A));
        processes.asUser(MGR_A, () -> taskService.setAssignee(id, null));
        assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isNull();
        assertThat(taskService.createTaskQuery().taskId(id).taskCandidateGroup(io.baobei.identity.Groups.reviewersOf(TEAM_A))
                .count()).isEqualTo(1);

        // and decides it as before
        processes.asUser(MGR_A, () -> {
            taskService.claim(id, MGR_A);
            taskService.complete(id, Map.of(REVIEW_DECISION, "APPROVE"));
        });
        assertThat(registrations.findById(registration.getId()).orElseThrow().getDecidedBy()).isEqualTo(MGR_A);
    }
}
