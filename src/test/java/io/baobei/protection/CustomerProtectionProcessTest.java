package io.baobei.protection;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

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
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipEventRepository;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.protection.ProtectionVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of CustomerProtectionProcess: follow-ups moving the deadline, deal won, and both timers
 * that reclaim the customer to the public pool. Each test starts from a real approved registration.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CustomerProtectionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;
    @Autowired OwnershipEventRepository ownershipEvents;
    @Autowired FollowUpRepository followUps;

    private Long customerId;
    private ProcessInstance protection;

    @BeforeEach
    void protectANewCustomer() {
        init(engine);
        ProcessInstance registration = processes.submit(TestIdentities.REP_A1,
                Processes.validForm(Processes.uniqueName("惠州市西湖科技")));
        processes.executeJob(registration);
        Task review = task(registration);
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of("reviewDecision", "APPROVE"));
        });
        processes.executeJob(registration);
        customerId = registrations.findByProcessInstanceId(registration.getId()).orElseThrow().getCustomerId();
        protection = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(customerId.toString()).singleResult();
    }

    @Test
    void followUpIsRecordedAndMovesTheDeadline() {
        assertThat(protection).isWaitingAt("Task_FollowUp");
        Task first = task(protection);
        assertThat(first).isAssignedTo(TestIdentities.REP_A1).hasDueDate(
                Date.from(customers.findById(customerId).orElseThrow().getNextFollowUpDue()));
        Date firstDue = first.getDueDate();

        complete(first, followUp("RECORD", "PHONE", "电话沟通，客户预算已批", LocalDate.now().plusDays(3).toString()));

        assertThat(protection).isWaitingAt("Task_RecordFollowUp");
        processes.executeJob(protection);
        assertThat(protection).isWaitingAt("Task_FollowUp").hasPassed("Task_RecordFollowUp", "Gateway_FollowUpLoop");
        Task second = task(protection);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getDueDate()).isAfter(firstDue);
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId))
                .singleElement().satisfies(f -> {
                    assertThat(f.getChannel()).isEqualTo(FollowUpChannel.PHONE);
                    assertThat(f.getContent()).isEqualTo("电话沟通，客户预算已批");
                    assertThat(f.getAuthor()).isEqualTo(TestIdentities.REP_A1);
                });
        assertThat(processes.variables(protection)).doesNotContainKeys(CONTENT, CHANNEL, FOLLOW_UP_ACTION);
    }

    @Test
    void incompleteFollowUpIsRefusedAndTheTaskStaysOpen() {
        Task followUpTask = task(protection);

        assertThatThrownBy(() -> complete(followUpTask, followUp("RECORD", "", " ", null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("请选择跟进方式").hasMessageContaining("请填写跟进内容")
                .hasMessageContaining("请填写下次计划联系日期");
        assertThatThrownBy(() -> complete(followUpTask, followUp("RECORD", "PHONE", "ok", "2000-01-01")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("下次联系日期不能早于今天");

        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(taskService.createTaskQuery().taskId(followUpTask.getId()).count()).isEqualTo(1);
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(customerId)).isEmpty();
    }

    @Test
    void dealWonEndsProtectionAsConverted() {
        complete(task(protection), followUp("DEAL_WON", "VISIT", "签订年度合同", null));
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("Task_MarkConverted", "EndEvent_Converted");
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.CONVERTED);
        assertThat(customer.getOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(lastEvent().getAction()).isEqualTo(OwnershipAction.CONVERTED);
    }

    @Test
    void noFollowUpInTimeReclaimsTheCustomerToThePool() {
        processes.fireTimer(protection, "BoundaryEvent_FollowUpOverdue");

        assertThat(protection).isWaitingAt("Task_ReclaimOverdue");
        assertThat(taskService.createTaskQuery().processInstanceId(protection.getId()).count())
                .as("the owner's open follow-up task ends").isZero();
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("EndEvent_ReclaimedOverdue");
        assertReclaimed(OwnershipAction.RECLAIMED_NO_FOLLOW_UP);
    }

    @Test
    void endOfTheProtectionPeriodReclaimsTheCustomerToThePool() {
        processes.fireTimer(protection, "BoundaryEvent_ProtectionExpired");

        assertThat(protection).isWaitingAt("Task_ReclaimExpired");
        processes.executeJob(protection);

        assertThat(protection).isEnded().hasPassed("EndEvent_ProtectionExpired");
        assertReclaimed(OwnershipAction.RECLAIMED_EXPIRED);
    }

    private void assertReclaimed(OwnershipAction action) {
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getOwner()).isNull();
        assertThat(customer.getProtectedUntil()).isNull();
        OwnershipEvent event = lastEvent();
        assertThat(event.getAction()).isEqualTo(action);
        assertThat(event.getFromOwner()).isEqualTo(TestIdentities.REP_A1);
        assertThat(event.getToOwner()).isNull();
        assertThat(event.getReason()).isNotBlank();
        assertThat(event.getActor()).isEqualTo(OwnershipEvent.SYSTEM);
    }

    private OwnershipEvent lastEvent() {
        var events = ownershipEvents.findByCustomerIdOrderByOccurredAtAscIdAsc(customerId);
        return events.get(events.size() - 1);
    }

    private void complete(Task task, Map<String, Object> variables) {
        processes.asUser(TestIdentities.REP_A1, () -> taskService.complete(task.getId(), variables));
    }

    private static Map<String, Object> followUp(String action, String channel, String content, String next) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FOLLOW_UP_ACTION, action);
        variables.put(CHANNEL, channel);
        variables.put(CONTENT, content);
        variables.put(NEXT_CONTACT_DATE, next);
        return variables;
    }
}
