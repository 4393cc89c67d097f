package io.baobei.notification;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.pool.ClaimStatus;
import io.baobei.pool.PoolClaimService;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.MGR_A;
import static io.baobei.support.TestIdentities.TEAM_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/** The events wired so far reach the person concerned, once, with the customer named only for them. */
@BaobeiSpringTest
class NotificationEventsTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired Notifications notifications;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired PoolClaimService claims;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;

    @BeforeEach
    void engine() {
        init(engine);
    }

    @Test
    void theOwnerHearsThatTheirCustomerWasReclaimedOnce() {
        String rep = identities.newRep("ntfReclaim", TEAM_A);
        String name = Processes.uniqueName("深圳市回收通知");
        Customer customer = new Customer(name, Grade.B, Instant.now());
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        Long id = ownership.importCustomer(customer, new OwnershipService.ImportedOwner(rep, TEAM_A), "测试导入", "test").getId();
        ProcessInstance protection = runtimeService.createProcessInstanceQuery()
                .processInstanceId(customers.findById(id).orElseThrow().getProtectionProcessInstanceId()).singleResult();

        processes.fireTimer(protection, "BoundaryEvent_ProtectionExpired");
        processes.executeJob(protection);

        assertThat(protection).isEnded();
        List<Notifications.View> mine = notifications.of(rep, 0, 10).getContent();
        assertThat(mine).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.RECLAIMED);
            assertThat(n.title()).contains(name);
            assertThat(n.body()).contains("保护期到期").doesNotContain("王先生");
            assertThat(n.objectId()).isEqualTo(id.toString());
        });
    }

    @Test
    void aClaimantHearsTheManagersRejectionWithTheReason() {
        String rep = identities.newRep("ntfClaim", TEAM_A);
        String name = Processes.uniqueName("深圳市领取通知");
        Long id = TestCustomers.inPool(ownership, name, Grade.B, "广东省深圳市", null);
        String process = "test-claim-" + System.nanoTime();
        PoolClaimService.Submitted claim = processes.as(rep, () -> claims.submit(id, rep, "客户来电", process));
        assertThat(claim.status()).isEqualTo(ClaimStatus.ACCEPTED);
        claims.awaitApproval(claim.claimId(), process);
        assertThat(notifications.of(rep, 0, 10).getContent()).as("nothing before the decision").isEmpty();

        claims.decide(claim.claimId(), process, "REJECT", "该客户由渠道部跟进", MGR_A);

        assertThat(notifications.of(rep, 0, 10).getContent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CLAIM_DECIDED);
            assertThat(n.title()).contains("驳回").contains(name);
            assertThat(n.body()).contains(MGR_A).contains("该客户由渠道部跟进");
        });
        assertThat(notifications.unread(rep)).isEqualTo(1);
        assertThat(notifications.of(MGR_A, 0, 100).getContent()).noneMatch(n -> n.title().contains(name));
    }
}
