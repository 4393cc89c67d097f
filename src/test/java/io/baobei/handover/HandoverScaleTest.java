package io.baobei.handover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.UserDirectory;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handover of 1,000 protected customers with their open follow-up tasks on PostgreSQL, spread by grade over 25
 * receivers, with a crash in the middle: after 400 customers, 60 jobs run in transactions that never commit (the
 * application died while they ran) and 40 more are left locked by a node that is gone; then the rest runs. Nothing
 * is lost and nothing doubled: every customer moved exactly once, every follow-up task went with it, each receiver
 * got 40 (each grade evenly), and the handover reports DONE with 1,000 moved.
 */
@BaobeiSpringTest
@Tag("postgres")
class HandoverScaleTest {

    private static final int CUSTOMERS = 1000;
    private static final int RECEIVERS = 25;
    private static final Grade[] GRADES = Grade.values();

    @Autowired HandoverService service;
    @Autowired HandoverItemRepository items;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aThousandCustomersMoveExactlyOnceThroughACrashInTheMiddle() {
        String leaver = identities.newRep("hoScale", TEAM_A);
        List<String> receivers = new ArrayList<>();
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.add(identities.newRep("hoScaleTo" + i + "x", TEAM_A));
        }
        Instant t0 = Instant.now();
        // in transactions of 100: the setup is not what is measured, and a commit per customer is most of its time
        TransactionTemplate batch = new TransactionTemplate(transactionManager);
        for (int from = 0; from < CUSTOMERS; from += 100) {
            int first = from;
            batch.executeWithoutResult(status -> {
                for (int n = first; n < first + 100; n++) {
                    String name = Processes.uniqueName("交接规模" + n);
                    Grade grade = GRADES[n % GRADES.length];
                    Customer customer = new Customer(name, grade, Instant.now());
                    customer.updateDetails(name, null, "钱女士", Processes.uniqueMobile(), null, "IT", "广东省", grade);
                    ownership.importCustomer(customer, new OwnershipService.ImportedOwner(leaver, TEAM_A), "测试导入",
                            "test");
                }
            });
        }
        Instant t1 = Instant.now();
        assertThat(followUpsOf(List.of(leaver))).isEqualTo(CUSTOMERS);

        HandoverRequest request = HandoverRequest.of(leaver, "BY_GRADE", receivers, false, true);
        HandoverService.Preview preview = service.preview(directory.actor(MGR_A), request);
        assertThat(preview.customers()).isEqualTo(CUSTOMERS);
        assertThat(preview.perReceiver().values()).containsOnly(CUSTOMERS / RECEIVERS);
        assertThat(preview.overQuota()).isEmpty();
        Instant t2 = Instant.now();

        Long id = service.start(directory.actor(MGR_A), request);
        Instant t3 = Instant.now();
        ProcessInstance handover = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(HandoverVariables.PROCESS_KEY).processInstanceBusinessKey(id.toString())
                .singleResult();
        runJobs(handover, 1 + 400);
        assertThat(moved(id)).isEqualTo(400);

        // the application dies while 60 jobs run: their transactions never commit
        TransactionTemplate crashing = new TransactionTemplate(transactionManager);
        List<Job> inFlight = jobs(handover).subList(0, 60);
        for (Job job : inFlight) {
            crashing.executeWithoutResult(status -> {
                managementService.executeJob(job.getId());
                status.setRollbackOnly();
            });
        }
        assertThat(moved(id)).as("nothing of the crashed jobs is kept").isEqualTo(400);
        assertThat(jobs(handover)).as("and their jobs are still there").hasSize(CUSTOMERS - 400);
        // 40 more were acquired by the node that died: its locks expire and another node takes them
        List<String> acquired = jobs(handover).subList(0, 40).stream().map(Job::getId).toList();
        for (String jobId : acquired) {
            jdbc.update("update act_ru_job set lock_owner_ = 'dead-node', lock_exp_time_ = ? where id_ = ?",
                    java.sql.Timestamp.from(Instant.now().minusSeconds(60)), jobId);
        }
        Instant t4 = Instant.now();
        runJobs(handover, Integer.MAX_VALUE);
        Instant t5 = Instant.now();

        HandoverService.View view = service.view(id, directory.actor(MGR_A));
        assertThat(view.state()).isEqualTo(HandoverState.DONE);
        assertThat(view.moved()).isEqualTo(CUSTOMERS);
        assertThat(view.notMoved()).isEmpty();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(handover.getId()).count()).isZero();
        assertThat(ownership.heldBy(leaver)).isEmpty();
        // exactly one handover transfer per customer: none lost, none doubled
        List<Map<String, Object>> transfers = jdbc.queryForList("""
                select customer_id, count(*) as n from ownership_event
                where action = 'TRANSFERRED' and from_owner = ? and reason like ? group by customer_id""",
                leaver, "%离职交接 #" + id + "（%");
        assertThat(transfers).hasSize(CUSTOMERS).allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).isOne());
        // every receiver holds 40, each grade evenly (10 of each), with the follow-up tasks
        for (String receiver : receivers) {
            List<Customer> held = ownership.heldBy(receiver);
            assertThat(held).as(receiver).hasSize(CUSTOMERS / RECEIVERS)
                    .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(CustomerStatus.PROTECTED));
            Map<Grade, Long> byGrade = held.stream().collect(Collectors.groupingBy(Customer::getGrade, Collectors.counting()));
            assertThat(byGrade.values()).as(receiver).containsOnly((long) CUSTOMERS / RECEIVERS / GRADES.length);
        }
        assertThat(followUpsOf(List.of(leaver))).isZero();
        assertThat(followUpsOf(receivers)).isEqualTo(CUSTOMERS);
        assertThat(jdbc.queryForObject("""
                select count(*) from protection_period p join customer c on c.id = p.active_customer_id
                where c.owner in (%s)""".formatted(receivers.stream().map(r -> "'" + r + "'")
                .collect(Collectors.joining(","))), Long.class)).as("one running protection each").isEqualTo(CUSTOMERS);

        System.out.printf("Handover of %d customers on PostgreSQL: setup %d ms, preview %d ms, start (plan and %d jobs) %d ms,"
                        + " moves %d ms for the first 400 + crash, %d ms for the rest (%.1f customers/s overall)%n",
                CUSTOMERS, Duration.between(t0, t1).toMillis(), Duration.between(t1, t2).toMillis(), CUSTOMERS,
                Duration.between(t2, t3).toMillis(), Duration.between(t3, t4).toMillis(),
                Duration.between(t4, t5).toMillis(), CUSTOMERS * 1000.0 / Duration.between(t3, t5).toMillis());
    }

    /** Executes up to {@code max} jobs of the handover, one after the other as the job executor does (exclusive). */
    private void runJobs(ProcessInstance instance, int max) {
        for (int done = 0; done < max; done++) {
            List<Job> next = managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                    .listPage(0, 1);
            if (next.isEmpty()) {
                return;
            }
            managementService.executeJob(next.get(0).getId());
        }
    }

    private List<Job> jobs(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).list();
    }

    private long moved(Long id) {
        return items.countByHandoverIdAndState(id, ItemState.MOVED);
    }

    private long followUpsOf(List<String> owners) {
        return taskService.createTaskQuery().processDefinitionKey(ProtectionVariables.PROCESS_KEY)
                .taskDefinitionKey(ProtectionVariables.FOLLOW_UP_TASK).taskAssigneeIn(owners.toArray(String[]::new))
                .count();
    }
}
