package io.baobei.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.dedup.CompanyNames;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Two managers approve two registrations of the same new customer at the same moment, on PostgreSQL
 * with real threads: exactly one customer and one owner result, the other registration ends in the
 * conflict path. (Runs in the PostgreSQL run only: that is the production database.)
 */
@BaobeiSpringTest
@Tag("postgres")
class ConcurrentApprovalTest {

    @Autowired ProcessEngine engine;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired Processes processes;
    @Autowired RegistrationRepository registrations;
    @Autowired CustomerRepository customers;

    @Test
    void twoSimultaneousApprovalsOfOneNewCustomerProduceOneOwner() throws Exception {
        init(engine);
        String company = Processes.uniqueName("深圳市并发测试");
        // two reps of two teams register the same company before either is approved
        ProcessInstance first = processes.submit(TestIdentities.REP_A1, Processes.validForm(company));
        ProcessInstance second = processes.submit(TestIdentities.REP_B1, Processes.validForm(company));
        processes.executeJob(first);
        processes.executeJob(second);
        assertThat(first).isWaitingAt("Task_ReviewRegistration");
        assertThat(second).isWaitingAt("Task_ReviewRegistration");

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService managers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> approvals = new ArrayList<>();
            approvals.add(managers.submit(() -> approveAndGrant(first, TestIdentities.MGR_A, together)));
            approvals.add(managers.submit(() -> approveAndGrant(second, TestIdentities.MGR_B, together)));
            for (Future<?> approval : approvals) {
                approval.get(60, TimeUnit.SECONDS);
            }
        } finally {
            managers.shutdownNow();
        }
        // the loser's grant job failed on the customer's unique key; its retry must now see the winner
        for (ProcessInstance instance : List.of(first, second)) {
            Job retry = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
            if (retry != null) {
                managementService.executeJob(retry.getId());
            }
        }

        List<Customer> created = customers.findByStrongKeys(CompanyNames.normalize(company), null, null, null);
        assertThat(created).hasSize(1);
        Customer customer = created.get(0);
        Registration a = registrations.findByProcessInstanceId(first.getId()).orElseThrow();
        Registration b = registrations.findByProcessInstanceId(second.getId()).orElseThrow();
        Registration winner = a.getStatus() == RegistrationStatus.APPROVED ? a : b;
        Registration loser = winner == a ? b : a;
        assertThat(winner.getStatus()).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(winner.getCustomerId()).isEqualTo(customer.getId());
        assertThat(customer.getOwner()).isEqualTo(winner.getSubmitter());
        assertThat(loser.getStatus()).isEqualTo(RegistrationStatus.CONFLICT);
        assertThat(loser.getCustomerId()).isNull();
        ProcessInstance loserInstance = loser == a ? first : second;
        assertThat(loserInstance).isWaitingAt("Task_ResolveConflict");
    }

    /** A manager completes the review and the grant job runs, both threads released at the same moment. */
    private void approveAndGrant(ProcessInstance instance, String manager, CyclicBarrier together) {
        Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        processes.asUser(manager, () -> {
            taskService.claim(review.getId(), manager);
            taskService.complete(review.getId(), Map.of("reviewDecision", "APPROVE"));
        });
        Job grant = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
        try {
            together.await(30, TimeUnit.SECONDS);
            managementService.executeJob(grant.getId());
        } catch (RuntimeException lostTheRace) {
            // expected for one of the two: the insert of the same customer violates its unique key
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
