package io.baobei.pool;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.common.BusinessRuleException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.duplicates.DuplicateClusterService;
import io.baobei.duplicates.DuplicateScanService;
import io.baobei.duplicates.ScanJobs;
import io.baobei.identity.UserDirectory;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.Together.together;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin merging a cluster while a rep claims one of its customers from the pool, on PostgreSQL with real threads
 * (as PoolConcurrencyTest): whichever commits first, the state is one of the two consistent outcomes. The claim first:
 * the customer is the claimant's, and the merge, which would now take a customer from a second owner, is refused.
 * The merge first: the customer is merged into the protected duplicate, and the claim does not get it. Never both,
 * never a merged customer with an owner, a running protection period or a protection process.
 */
@BaobeiSpringTest
@Tag("postgres")
class ClaimMergeRaceTest {

    private static final int ROUNDS = 6;

    @Autowired PoolClaimRequests requests;
    @Autowired DuplicateScanService scans;
    @Autowired DuplicateClusterService clusters;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;

    private record Round(String holder, String claimant, Long held, Long pooled) {
    }

    @Test
    void aMergeRacingAClaimOfOneOfItsCustomersLeavesOneConsistentOutcome() throws Exception {
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String trade = tradeName(random);
            String holder = identities.newRep("mrgHold", TestIdentities.TEAM_A);
            String claimant = identities.newRep("mrgClaim", TestIdentities.TEAM_A);
            Long held = ownership.importCustomer(customer("深圳市" + trade + "科技有限公司"),
                    new OwnershipService.ImportedOwner(holder, TestIdentities.TEAM_A), "测试导入", "test").getId();
            Long pooled = ownership.importCustomer(customer(trade + "科技（深圳）有限公司"), null, "测试导入", "test").getId();
            rounds.add(new Round(holder, claimant, held, pooled));
        }
        ScanJobs jobs = new ScanJobs(scans, managementService, jdbc, directory);
        long scanId = jobs.scan();

        int claimsWon = 0;
        int mergesDone = 0;
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            // the merge answers faster than a claim starts its process: in every other round it sets off a little
            // later, so both orders occur (the assertions accept either)
            long mergeDelayMillis = i % 2 == 0 ? 0 : 150;
            long clusterId = jobs.clusterOf(scanId, round.held());
            List<Object> results = together(List.of(
                    () -> requests.claim(directory.actor(round.claimant()), round.pooled(), null),
                    () -> {
                        try {
                            Thread.sleep(mergeDelayMillis);
                            return clusters.merge(clusterId, new DuplicateClusterService.MergeRequest(null, null,
                                    false, null), directory.actor(TestIdentities.ADMIN));
                        } catch (BusinessRuleException refused) {
                            return refused;
                        }
                    }));
            PoolClaimService.ClaimView claim = (PoolClaimService.ClaimView) results.get(0);
            boolean claimed = claim.status() == ClaimStatus.GRANTED;
            boolean merged = results.get(1) instanceof DuplicateClusterService.MergeView;
            String what = "round " + round + ": " + results;
            assertThat(claimed ^ merged).as("exactly one wins: " + what).isTrue();

            Customer held = customers.findById(round.held()).orElseThrow();
            assertThat(held.getStatus()).as(what).isEqualTo(CustomerStatus.PROTECTED);
            assertThat(held.getOwner()).as(what).isEqualTo(round.holder());
            assertRunning(round.held(), 1, what);
            Customer pooled = customers.findById(round.pooled()).orElseThrow();
            if (claimed) {
                claimsWon++;
                assertThat(((BusinessRuleException) results.get(1)).getMessage()).contains("分属不同的销售");
                assertThat(pooled.getStatus()).as(what).isEqualTo(CustomerStatus.PROTECTED);
                assertThat(pooled.getOwner()).as(what).isEqualTo(round.claimant());
                assertRunning(round.pooled(), 1, what);
            } else {
                mergesDone++;
                assertThat(claim.status()).as(what).isIn(ClaimStatus.LOST, ClaimStatus.REFUSED);
                assertThat(pooled.getStatus()).as(what).isEqualTo(CustomerStatus.MERGED);
                assertThat(pooled.getMergedIntoId()).as(what).isEqualTo(round.held());
                assertThat(pooled.getOwner()).as(what).isNull();
                assertRunning(round.pooled(), 0, what);
            }
        }
        System.out.println("[ClaimMergeRaceTest] claim first " + claimsWon + ", merge first " + mergesDone + " of "
                + ROUNDS + " rounds");
    }

    /** Running protection periods and protection processes of a customer. */
    private void assertRunning(Long customerId, int expected, String what) {
        assertThat(jdbc.queryForObject("select count(*) from protection_period where active_customer_id = ?",
                Long.class, customerId)).as("running periods of " + customerId + " in " + what).isEqualTo(expected);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ProtectionVariables.PROCESS_KEY)
                .processInstanceBusinessKey(customerId.toString()).count())
                .as("protection processes of " + customerId + " in " + what).isEqualTo(expected);
    }

    private static String tradeName(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            name.append((char) (0x5A00 + random.nextInt(0x2000)));
        }
        return name.toString();
    }

    private Customer customer(String name) {
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省", Grade.B);
        return customer;
    }
}
