package io.baobei.pool;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.customer.ClaimRule;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipRefusedException;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.identity.UserDirectory;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.Together.together;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * The pool's guarantees under real concurrency, on PostgreSQL (the production database; H2's locking is not the
 * one that counts): each thread is one rep claiming through the API's entry (PoolClaimRequests, the message-started
 * PoolClaimProcess in the request's transaction), all released at once by a start gate. Whatever the interleaving:
 * one owner and one protection per customer, the quota and the daily limit hold.
 */
@BaobeiSpringTest
@Tag("postgres")
class PoolConcurrencyTest {

    private static final int ROUNDS = 15;
    /** milliseconds per claim by scenario, and who won the mixed races: for the closing note */
    private static final Map<String, List<Long>> CLAIM_MILLIS = new ConcurrentSkipListMap<>();
    private static final Map<String, Integer> WINNERS = new ConcurrentSkipListMap<>();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired PoolClaimRequests requests;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired RegistrationRepository registrations;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;

    @BeforeEach
    void engine() {
        init(engine);
    }

    @AfterAll
    static void timings() {
        CLAIM_MILLIS.forEach((scenario, millis) -> {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            System.out.println("[PoolConcurrencyTest] " + scenario + ": " + sorted.size() + " claims, median "
                    + sorted.get(sorted.size() / 2) + " ms, 90th percentile " + sorted.get(sorted.size() * 9 / 10)
                    + " ms, max " + sorted.get(sorted.size() - 1) + " ms");
        });
        System.out.println("[PoolConcurrencyTest] winners of the mixed races: " + WINNERS);
    }

    @Test
    void fourRepsClaimingOnePoolCustomerAtOnceGiveItExactlyOneOwner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Long id = poolCustomer("深圳市四人抢").getId();
            // fresh reps each round: the daily limit of a rep who won often must not decide a later round
            List<String> reps = IntStream.range(0, 4).mapToObj(i -> identities.newRep("race", TestIdentities.TEAM_A))
                    .toList();

            List<PoolClaimService.ClaimView> answers = together(reps.stream()
                    .<Callable<PoolClaimService.ClaimView>>map(rep -> () -> claim("a) four reps, one customer", rep, id))
                    .toList());

            String what = "round " + round + ": " + answers;
            assertThat(answers).as(what).filteredOn(a -> a.status() == ClaimStatus.GRANTED).hasSize(1);
            assertThat(answers).as(what).filteredOn(a -> a.status() == ClaimStatus.LOST).hasSize(3);
            String winner = reps.get(answers.stream().map(PoolClaimService.ClaimView::status).toList()
                    .indexOf(ClaimStatus.GRANTED));
            assertOneOwner(id, winner);
            for (String rep : reps) {
                assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).as(what)
                        .isEqualTo(rep.equals(winner) ? 1 : 0);
            }
        }
    }

    @Test
    void aClaimRacingTheApprovalOfARegistrationOfTheSameCompanyLeavesOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            Customer pooled = poolCustomer("深圳市报备与领取");
            String registrant = identities.newRep("regRace", TestIdentities.TEAM_A);
            String claimant = identities.newRep("clmRace", TestIdentities.TEAM_A);
            ProcessInstance registration = processes.submit(registrant, Processes.validForm(pooled.getCompanyName()));
            processes.executeJob(registration); // the duplicate check
            assertThat(registration).isWaitingAt("Task_ReviewRegistration");
            Task review = taskService.createTaskQuery().processInstanceId(registration.getId()).singleResult();
            processes.asUser(TestIdentities.MGR_A, () -> {
                taskService.claim(review.getId(), TestIdentities.MGR_A);
                taskService.complete(review.getId(), Map.of("reviewDecision", "APPROVE"));
            });
            Job grant = managementService.createJobQuery().processInstanceId(registration.getId()).singleResult();

            List<Object> results = together(List.<Callable<Object>>of(
                    () -> {
                        try {
                            managementService.executeJob(grant.getId());
                            return "granted job done";
                        } catch (RuntimeException failed) {
                            return failed; // retried below, as the job executor would
                        }
                    },
                    () -> claim("b) claim vs registration approval", claimant, pooled.getId())));
            retryFailedJob(registration);

            PoolClaimService.ClaimView claim = (PoolClaimService.ClaimView) results.get(1);
            Registration registered = registrations.findByProcessInstanceId(registration.getId()).orElseThrow();
            String what = "round " + round + ": claim " + claim + ", registration " + registered.getStatus()
                    + ", job " + results.get(0);
            Customer after = customers.findById(pooled.getId()).orElseThrow();
            WINNERS.merge("b) " + (claim.status() == ClaimStatus.GRANTED ? "claim" : "registration"), 1, Integer::sum);
            if (claim.status() == ClaimStatus.GRANTED) {
                assertThat(after.getOwner()).as(what).isEqualTo(claimant);
                assertThat(registered.getStatus()).as(what).isEqualTo(RegistrationStatus.CONFLICT);
                assertThat(registered.getCustomerId()).as(what).isNull();
                assertThat(registration).isWaitingAt("Task_ResolveConflict");
            } else {
                assertThat(claim.status()).as(what).isEqualTo(ClaimStatus.LOST);
                assertThat(after.getOwner()).as(what).isEqualTo(registrant);
                assertThat(registered.getStatus()).as(what).isEqualTo(RegistrationStatus.APPROVED);
                assertThat(registered.getCustomerId()).as(what).isEqualTo(pooled.getId());
                assertThat(registration).isEnded().hasPassed("EndEvent_Approved");
            }
            assertOneOwner(pooled.getId(), after.getOwner());
        }
    }

    @Test
    void aTransferToARepRacingTheirOwnClaimCannotTakeThemOverTheQuota() throws Exception {
        // the claim has more to do before it reaches the rep's lock than the transfer: holding the transfer back a
        // little in some rounds lets either one get there first
        long[] transferDelays = {0, 40, 80, 160};
        for (int round = 0; round < transferDelays.length; round++) {
            long delay = transferDelays[round];
            String receiver = repHolding(49, "xferRace");
            String giver = identities.newRep("xferFrom", TestIdentities.TEAM_A);
            Long held = ownership.importCustomer(customer("深圳市转移客户"),
                    new OwnershipService.ImportedOwner(giver, TestIdentities.TEAM_A), "测试数据", "test").getId();
            Long pooled = poolCustomer("深圳市转移与领取").getId();

            List<Object> results = together(List.<Callable<Object>>of(
                    () -> {
                        Thread.sleep(delay);
                        try {
                            return ownership.transfer(held, receiver, "并发测试", false, OwnershipSource.TRANSFER,
                                    TestIdentities.MGR_A).getOwner();
                        } catch (OwnershipRefusedException refused) {
                            return refused.refusal().rule();
                        }
                    },
                    () -> claim("c) claim vs transfer to the claimant", receiver, pooled)));

            PoolClaimService.ClaimView claim = (PoolClaimService.ClaimView) results.get(1);
            String what = "round " + round + " (transfer " + delay + " ms later): transfer " + results.get(0)
                    + ", claim " + claim;
            assertThat(customers.countByOwnerAndStatus(receiver, CustomerStatus.PROTECTED)).as(what).isEqualTo(50);
            WINNERS.merge("c) " + (claim.status() == ClaimStatus.GRANTED ? "claim" : "transfer"), 1, Integer::sum);
            if (claim.status() == ClaimStatus.GRANTED) {
                assertThat(results.get(0)).as(what).isEqualTo(ClaimRule.QUOTA);
                assertOneOwner(held, giver);
                assertOneOwner(pooled, receiver);
            } else {
                assertThat(results.get(0)).as(what).isEqualTo(receiver);
                assertThat(claim.status()).as(what).isEqualTo(ClaimStatus.REFUSED);
                assertThat(claim.rule()).as(what).isEqualTo(ClaimRule.QUOTA);
                assertOneOwner(held, receiver);
                assertThat(customers.findById(pooled).orElseThrow().getStatus()).as(what).isEqualTo(CustomerStatus.POOL);
                assertThat(activePeriods(pooled)).isZero();
            }
        }
    }

    @Test
    void aRepAt49FiringTenClaimsAtOnceEndsAtTheQuotaOf50() throws Exception {
        String rep = repHolding(49, "quota");
        List<Long> pooled = IntStream.range(0, 10).mapToObj(i -> poolCustomer("深圳市保有量").getId()).toList();

        List<PoolClaimService.ClaimView> answers = together(pooled.stream()
                .<Callable<PoolClaimService.ClaimView>>map(id -> () -> claim("d) one rep at 49, ten claims", rep, id))
                .toList());

        assertThat(answers).filteredOn(a -> a.status() == ClaimStatus.GRANTED).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == ClaimStatus.REFUSED).hasSize(9)
                .allSatisfy(a -> {
                    assertThat(a.rule()).isEqualTo(ClaimRule.QUOTA);
                    assertThat(a.message()).contains("保有量上限（50 个）");
                });
        assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).isEqualTo(50);
        assertThat(pooled.stream().filter(id -> customers.findById(id).orElseThrow().getStatus() == CustomerStatus.POOL))
                .hasSize(9);
    }

    @Test
    void aRepFiringTenClaimsAtOnceGetsExactlyTheDailyLimitOfFive() throws Exception {
        String rep = rep("daily");
        // uncontended first, for comparison: claims one after the other, by another rep
        String alone = rep("alone");
        for (int i = 0; i < 5; i++) {
            claim("0) one claim at a time", alone, poolCustomer("深圳市单独领取").getId());
        }
        List<Long> pooled = IntStream.range(0, 10).mapToObj(i -> poolCustomer("深圳市每日上限").getId()).toList();

        List<PoolClaimService.ClaimView> answers = together(pooled.stream()
                .<Callable<PoolClaimService.ClaimView>>map(id -> () -> claim("e) one rep, ten claims", rep, id))
                .toList());

        assertThat(answers).filteredOn(a -> a.status() == ClaimStatus.GRANTED).hasSize(5);
        assertThat(answers).filteredOn(a -> a.status() == ClaimStatus.REFUSED).hasSize(5)
                .allSatisfy(a -> {
                    assertThat(a.rule()).isEqualTo(ClaimRule.DAILY_LIMIT);
                    assertThat(a.message()).contains("达到每日上限（5 个）");
                    assertThat(a.retryAfter()).isAfter(Instant.now(clock));
                });
        assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).isEqualTo(5);
        for (Long id : pooled) {
            Customer c = customers.findById(id).orElseThrow();
            if (c.getStatus() == CustomerStatus.PROTECTED) {
                assertOneOwner(id, rep);
            } else {
                assertThat(activePeriods(id)).isZero();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The claim as the API makes it: the rep signed in, PoolClaimRequests in its own transaction. */
    private PoolClaimService.ClaimView claim(String scenario, String rep, Long customerId) {
        long start = System.nanoTime();
        PoolClaimService.ClaimView answer = requests.claim(directory.actor(rep), customerId, null);
        CLAIM_MILLIS.computeIfAbsent(scenario, s -> Collections.synchronizedList(new ArrayList<>()))
                .add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return answer;
    }

    /** One owner, one running protection period and one running protection instance, all of {@code owner}. */
    private void assertOneOwner(Long customerId, String owner) {
        Customer customer = customers.findById(customerId).orElseThrow();
        assertThat(customer.getStatus()).as("customer " + customerId).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(customer.getOwner()).as("owner of " + customerId).isEqualTo(owner);
        assertThat(activePeriods(customerId)).as("running protection periods of " + customerId).isEqualTo(1);
        assertThat(jdbc.queryForObject("select owner from protection_period where active_customer_id = ?",
                String.class, customerId)).isEqualTo(owner);
        List<ProcessInstance> running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProtectionVariables.PROCESS_KEY)
                .processInstanceBusinessKey(customerId.toString()).list();
        assertThat(running).as("running protection instances of " + customerId).hasSize(1);
        assertThat(running.get(0).getId()).isEqualTo(customer.getProtectionProcessInstanceId());
    }

    private long activePeriods(Long customerId) {
        return jdbc.queryForObject("select count(*) from protection_period where active_customer_id = ?", Long.class,
                customerId);
    }

    /** The grant job of a registration that lost to a claim failed at most on a lock; its retry sees the winner. */
    private void retryFailedJob(ProcessInstance instance) {
        Job retry = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
        if (retry != null) {
            managementService.executeJob(retry.getId());
        }
    }

    /**
     * A fresh rep as one who has claimed or registered before: their lock row exists. (The very first insert of
     * that row would make concurrent claims wait for each other by itself, and hide a missing row lock.)
     */
    private String rep(String prefix) {
        String rep = identities.newRep(prefix, TestIdentities.TEAM_A);
        jdbc.update("insert into sales_rep_lock (username) values (?)", rep);
        return rep;
    }

    /** Such a rep holding {@code count} protected customers (imports are not held to the quota). */
    private String repHolding(int count, String prefix) {
        String rep = rep(prefix);
        for (int i = 0; i < count; i++) {
            ownership.importCustomer(customer("深圳市存量客户"), new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A),
                    "测试数据", "test");
        }
        assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).isEqualTo(count);
        return rep;
    }

    /** A customer imported without owner: in the pool, claimable at once, first come, first served. */
    private Customer poolCustomer(String prefix) {
        return ownership.importCustomer(customer(prefix), null, "测试数据", "test");
    }

    private Customer customer(String prefix) {
        String name = Processes.uniqueName(prefix);
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        return customer;
    }

}
