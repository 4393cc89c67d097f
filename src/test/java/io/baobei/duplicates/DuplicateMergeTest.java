package io.baobei.duplicates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.common.BusinessRuleException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerService;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.DuplicateCandidate;
import io.baobei.dedup.DuplicateCheck;
import io.baobei.dedup.DuplicateMatch;
import io.baobei.identity.UserDirectory;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;
import io.baobei.protection.FollowUp;
import io.baobei.protection.FollowUpChannel;
import io.baobei.protection.FollowUpRepository;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merging a cluster: everything of the merged customers moves to the survivor, their protection ends, nothing is deleted. */
@BaobeiSpringTest
class DuplicateMergeTest {

    @Autowired DuplicateScanService scans;
    @Autowired DuplicateClusterService clusters;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired CustomerService customerService;
    @Autowired FollowUpRepository followUps;
    @Autowired RegistrationRepository registrations;
    @Autowired DuplicateCheck duplicateCheck;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired Notifications notifications;

    private ScanJobs jobs() {
        return new ScanJobs(scans, managementService, jdbc, directory);
    }

    @Test
    void theMergeMovesFollowUpsRegistrationsAndHistoryToTheSurvivorAndEndsTheMergedProtection() {
        String rep = identities.newRep("merge", TestIdentities.TEAM_A);
        String trade = DuplicateScanTest.tradeName(new SplittableRandom(System.nanoTime()));
        // the oldest: protected for the rep by an import
        Long first = imported("深圳市" + trade + "科技有限公司", rep);
        // the same company registered again by the rep, approved: a second protection, with a registration
        String secondName = trade + "科技（深圳）有限公司";
        ProcessInstance registration = processes.submit(rep, Processes.validForm(secondName));
        processes.executeJob(registration); // the duplicate check: SUSPECT, the rep's own similar customer
        Task review = taskService.createTaskQuery().processInstanceId(registration.getId()).singleResult();
        processes.asUser(TestIdentities.MGR_A, () -> {
            taskService.claim(review.getId(), TestIdentities.MGR_A);
            taskService.complete(review.getId(), Map.of("reviewDecision", "APPROVE"));
        });
        processes.executeJob(registration); // the grant
        Long registrationId = registrations.findByProcessInstanceId(registration.getId()).orElseThrow().getId();
        Long second = registrations.findById(registrationId).orElseThrow().getCustomerId();
        assertThat(second).isNotNull().isNotEqualTo(first);
        String secondProtection = customers.findById(second).orElseThrow().getProtectionProcessInstanceId();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(secondProtection).count()).isEqualTo(1);
        followUps.save(new FollowUp(second, rep, FollowUpChannel.PHONE, "合并前的跟进：客户要报价",
                LocalDate.now(clock).plusDays(3), Instant.now(clock)));
        // and a third spelling, in the pool
        Long third = ownership.importCustomer(customer(trade + "科技股份有限公司"), null, "测试导入", "test").getId();

        long scanId = jobs().scan();
        long clusterId = jobs().clusterOf(scanId, first);
        assertThat(jdbc.queryForList("select customer_id from duplicate_cluster_member where cluster_id = ?"
                + " order by customer_id", Long.class, clusterId)).containsExactly(first, second, third);

        DuplicateClusterService.MergeView merged = clusters.merge(clusterId,
                new DuplicateClusterService.MergeRequest(null, null, false, "同一家公司"), directory.actor(TestIdentities.ADMIN));

        // the rule: the protected customer registered first survives
        assertThat(merged.survivorId()).isEqualTo(first);
        assertThat(merged.mergedIds()).containsExactly(second, third);
        assertThat(merged.state()).isEqualTo("MERGED");
        // the rep held both: one notice, of the customers merged into theirs
        assertThat(notifications.of(rep, 0, 20).getContent()).filteredOn(n -> n.kind() != NotificationKind.REGISTRATION_APPROVED)
                .singleElement().satisfies(n -> {
                    assertThat(n.kind()).isEqualTo(NotificationKind.DUPLICATES_MERGED_INTO);
                    assertThat(n.body()).contains("“" + secondName + "”、“" + trade + "科技股份有限公司”")
                            .contains("说明：同一家公司");
                });
        Customer survivor = customers.findById(first).orElseThrow();
        assertThat(survivor.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(survivor.getOwner()).isEqualTo(rep);
        assertThat(runtimeService.createProcessInstanceQuery()
                .processInstanceId(survivor.getProtectionProcessInstanceId()).count()).isEqualTo(1);
        for (Long id : List.of(second, third)) {
            Customer closed = customers.findById(id).orElseThrow();
            assertThat(closed.getStatus()).as("customer " + id).isEqualTo(CustomerStatus.MERGED);
            assertThat(closed.getMergedIntoId()).isEqualTo(first);
            assertThat(closed.getOwner()).isNull();
        }
        // the merged customer's protection ended cleanly: process gone, period closed as merged
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(secondProtection).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(secondProtection)
                .singleResult().getEndTime()).isNotNull();
        assertThat(jdbc.queryForObject("select end_reason from protection_period where process_instance_id = ?",
                String.class, secondProtection)).isEqualTo("MERGED");
        assertThat(jdbc.queryForObject("select count(*) from protection_period where active_customer_id = ?",
                Long.class, second)).isZero();
        // follow-ups, registrations and history moved
        assertThat(followUps.findByCustomerIdOrderByCreatedAtDescIdDesc(first)).extracting(FollowUp::getContent)
                .contains("合并前的跟进：客户要报价");
        assertThat(followUps.countByCustomerId(second)).isZero();
        assertThat(registrations.findById(registrationId).orElseThrow().getCustomerId()).isEqualTo(first);
        List<OwnershipEvent> history = ownership.historyOf(first);
        assertThat(history).filteredOn(e -> registrationId.equals(e.getRegistrationId())).isNotEmpty();
        assertThat(history).filteredOn(e -> e.getAction() == OwnershipAction.MERGED).hasSize(2);
        assertThat(ownership.historyOf(second)).extracting(OwnershipEvent::getAction)
                .containsExactly(OwnershipAction.MERGED);
        // the audit chain records the merge and each closed customer
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'DUPLICATES_MERGED'"
                + " and object_id = ?", Long.class, Long.toString(clusterId))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'MERGED' and object_type = 'CUSTOMER'"
                + " and object_id in (?, ?)", Long.class, second.toString(), third.toString())).isEqualTo(2);

        // merged customers are in no list and no check any more
        assertThat(customerService.findInPool(new CustomerService.PoolFilter(trade, null, null, null),
                PageRequest.of(0, 50)).getContent()).extracting(Customer::getId).doesNotContain(third);
        assertThat(customerService.list(directory.actor(rep), PageRequest.of(0, 100)).getContent())
                .extracting(Customer::getId).contains(first).doesNotContain(second);
        // (the owner's 我的客户; an admin's list reads the same query over every test's customers)
        assertThat(customerService.listMostUrgentFirst(directory.actor(rep), 0, 100).getContent())
                .extracting(Customer::getId).contains(first).doesNotContain(second, third);
        List<Long> matched = duplicateCheck.check(new DuplicateCandidate(secondName, null, null, null,
                TestIdentities.REP_B1)).matches().stream().map(DuplicateMatch::customerId).toList();
        assertThat(matched).contains(first).doesNotContain(second, third);

        // listed among the merged clusters; a second merge of it is refused
        assertThat(clusters.list("MERGED", 0, 100).content()).extracting(DuplicateClusterService.ClusterView::id)
                .contains(clusterId);
        assertThatThrownBy(() -> clusters.merge(clusterId, new DuplicateClusterService.MergeRequest(null, null, false,
                null), directory.actor(TestIdentities.ADMIN))).isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("已合并");
    }

    @Test
    void customersOfTwoOwnersAreMergedOnlyWhenTheAdminSaysSo() {
        String repA = identities.newRep("mergeA", TestIdentities.TEAM_A);
        String repB = identities.newRep("mergeB", TestIdentities.TEAM_A);
        String trade = DuplicateScanTest.tradeName(new SplittableRandom(System.nanoTime()));
        Long ofA = imported("广州市" + trade + "贸易有限公司", repA);
        Long ofB = imported(trade + "贸易（广州）有限公司", repB);
        long clusterId = jobs().clusterOf(jobs().scan(), ofA);

        assertThatThrownBy(() -> clusters.merge(clusterId, new DuplicateClusterService.MergeRequest(null, null, false,
                null), directory.actor(TestIdentities.ADMIN)))
                .isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("分属不同的销售")
                .hasMessageContaining("客户 " + ofA).hasMessageContaining("客户 " + ofB)
                .hasMessageContaining(repA).hasMessageContaining(repB)
                .hasMessageContaining("acrossOwners");
        assertThat(customers.findById(ofB).orElseThrow().getOwner()).isEqualTo(repB);
        assertThat(customers.findById(ofB).orElseThrow().getStatus()).isEqualTo(CustomerStatus.PROTECTED);

        String protectionOfB = customers.findById(ofB).orElseThrow().getProtectionProcessInstanceId();
        DuplicateClusterService.MergeView merged = clusters.merge(clusterId,
                new DuplicateClusterService.MergeRequest(ofB, null, true, "确认为同一家公司，归 B"),
                directory.actor(TestIdentities.ADMIN));
        assertThat(merged.survivorId()).as("the admin's choice").isEqualTo(ofB);
        assertThat(customers.findById(ofA).orElseThrow().getStatus()).isEqualTo(CustomerStatus.MERGED);
        assertThat(customers.findById(ofB).orElseThrow().getOwner()).isEqualTo(repB);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(protectionOfB).count()).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ofA.toString())
                .count()).as("A's protection ended").isZero();

        // both reps are told: A lost the customer (and to whom), B holds the merged one's history now
        assertThat(notifications.of(repA, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CUSTOMER_MERGED);
            assertThat(n.title()).isEqualTo("客户已合并：广州市" + trade + "贸易有限公司");
            assertThat(n.body()).contains("已合并到客户“" + trade + "贸易（广州）有限公司”").contains(repB)
                    .contains("说明：确认为同一家公司，归 B");
        });
        assertThat(notifications.of(repB, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.DUPLICATES_MERGED_INTO);
            assertThat(n.body()).contains("重复客户 “广州市" + trade + "贸易有限公司” 已合并到您的客户");
        });
    }

    private Long imported(String name, String rep) {
        return ownership.importCustomer(customer(name), new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A),
                "测试导入", "test").getId();
    }

    private Customer customer(String name) {
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        return customer;
    }
}
