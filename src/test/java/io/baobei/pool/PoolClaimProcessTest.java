package io.baobei.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

import io.baobei.audit.AuditEntry;
import io.baobei.audit.AuditEntryRepository;
import io.baobei.common.BusinessRuleException;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.ClaimRule;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipAction;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipRefusedException;
import io.baobei.customer.OwnershipService;
import io.baobei.customer.OwnershipSource;
import io.baobei.customer.TestCustomers;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;
import io.baobei.protection.ProtectionVariables;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.pool.PoolClaimVariables.*;
import static io.baobei.support.TestIdentities.TEAM_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of PoolClaimProcess with the real rules (OwnershipRules.dmn): search, choose, search again, cancel,
 * first come first served, refused and lost claims back at the choice, approval and rejection by the claimant's
 * manager, the draw in the publication window, a refusal at grant time, and the API's message start. Each claim is
 * made by a fresh rep, so the daily limit and quota of the shared test database never interfere.
 */
@BaobeiSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PoolClaimProcessTest {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired Processes processes;
    @Autowired TestIdentities identities;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired PoolClaimRepository poolClaims;
    @Autowired PoolClaimRequests requests;
    @Autowired UserDirectory directory;
    @Autowired AuditEntryRepository audit;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    // ------------------------------------------------------------------------------- first come, first served

    @Test
    void aRepSearchesPicksAndGetsAPoolCustomer() {
        String rep = identities.newRep("pcGrant", TEAM_A);
        String name = Processes.uniqueName("深圳市星河");
        Long id = poolCustomer(name, Grade.B);

        // the name analysis finds 深圳市星河…有限公司 for 深圳星河
        ProcessInstance claim = search(rep, "深圳星河");
        assertThat(claim).isWaitingAt("Task_ChooseCustomer").hasPassed("Task_SearchPool");
        assertThat(task(claim)).isAssignedTo(rep);
        assertThat(runtimeService.getVariable(claim.getId(), POOL_OPTIONS).toString())
                .contains(name).contains("\"value\":\"" + id + "\"");
        assertThat((String) runtimeService.getVariable(claim.getId(), POOL_SEARCH_SUMMARY)).startsWith("找到");

        choose(claim, rep, id, "想跟进他们的新项目");

        assertThat(claim).isEnded().hasPassed("Task_CheckClaim", "Task_DecideApproval", "Task_GrantClaim",
                "EndEvent_ClaimGranted").hasNotPassed("Task_ApproveClaim", "TimerEvent_DrawAt");
        PoolClaim recorded = claimOf(claim);
        assertThat(recorded.getStatus()).isEqualTo(ClaimStatus.GRANTED);
        assertThat(recorded.getClaimant()).isEqualTo(rep);
        assertThat(recorded.getReason()).isEqualTo("想跟进他们的新项目");

        Customer claimed = customers.findById(id).orElseThrow();
        assertThat(claimed.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(claimed.getOwner()).isEqualTo(rep);
        assertThat(claimed.getOwnerTeam()).isEqualTo(TEAM_A);
        assertThat(claimed.getInPoolSince()).isNull();
        assertThat(claimed.getClaimableFrom()).isNull();

        // the protection runs under ProtectionPolicy's source POOL_CLAIM, its follow-up task with the claimant
        ProcessInstance protection = runtimeService.createProcessInstanceQuery()
                .processInstanceId(claimed.getProtectionProcessInstanceId()).singleResult();
        assertThat(protection).isWaitingAt("Task_FollowUp");
        assertThat(task(protection)).isAssignedTo(rep);
        assertThat(protection.getBusinessKey()).isEqualTo(id.toString());
        assertThat(ownership.currentSource(id)).isEqualTo(OwnershipSource.POOL_CLAIM);
        Map<String, Object> period = jdbc.queryForMap("select owner, source, process_instance_id, ended_at "
                + "from protection_period where active_customer_id = ?", id);
        assertThat(period.get("owner")).isEqualTo(rep);
        assertThat(period.get("source")).isEqualTo("POOL_CLAIM");
        assertThat(period.get("process_instance_id")).isEqualTo(protection.getId());
        assertThat(period.get("ended_at")).isNull();

        OwnershipEvent event = lastEvent(id);
        assertThat(event.getAction()).isEqualTo(OwnershipAction.CLAIMED);
        assertThat(event.getFromStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(event.getToStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(event.getFromOwner()).isNull();
        assertThat(event.getToOwner()).isEqualTo(rep);
        assertThat(event.getActor()).isEqualTo(rep);
        assertThat(event.getReason()).contains("想跟进他们的新项目");
    }

    @Test
    void searchingAgainReplacesTheOptionsAndCancelEndsWithoutAClaim() {
        String rep = identities.newRep("pcSearch", TEAM_A);
        String first = Processes.uniqueName("佛山市顺德家电");
        String second = Processes.uniqueName("江门市蓬江摩托");
        poolCustomer(first, Grade.C);
        Long secondId = poolCustomer(second, Grade.C);

        ProcessInstance claim = search(rep, first);
        Task firstChoice = task(claim);
        assertThat(runtimeService.getVariable(claim.getId(), POOL_OPTIONS).toString()).contains(first).doesNotContain(second);

        Map<String, Object> again = new HashMap<>();
        again.put(CHOOSE_ACTION, "SEARCH");
        again.put(SEARCH_TEXT, second);
        processes.asUser(rep, () -> taskService.complete(firstChoice.getId(), again));

        assertThat(claim).isWaitingAt("Task_ChooseCustomer");
        Task secondChoice = task(claim);
        assertThat(secondChoice.getId()).isNotEqualTo(firstChoice.getId());
        assertThat(runtimeService.getVariable(claim.getId(), POOL_OPTIONS).toString()).contains(second).doesNotContain(first);
        assertThat(historyCount(claim, "Task_SearchPool")).isEqualTo(2);

        Map<String, Object> cancel = new HashMap<>();
        cancel.put(CHOOSE_ACTION, "CANCEL");
        processes.asUser(rep, () -> taskService.complete(secondChoice.getId(), cancel));

        assertThat(claim).isEnded().hasPassed("EndEvent_ClaimCancelled").hasNotPassed("Task_CheckClaim");
        assertThat(poolClaims.findFirstByProcessInstanceIdOrderByIdDesc(claim.getId())).isEmpty();
        assertThat(customers.findById(secondId).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    // ------------------------------------------------------------------------------------ refused and lost

    @Test
    void aRepWhoReleasedACustomerIsRefusedInCooldownAndBackAtTheChoice() {
        String rep = identities.newRep("pcCool", TEAM_A);
        String name = Processes.uniqueName("珠海市香洲游艇");
        Long id = poolCustomer(name, Grade.B);
        ownership.claim(id, rep, OwnershipService.Counted.NOTHING, null, rep);
        ownership.release(id, rep, "客户暂无需求", null);
        Instant released = lastEvent(id).getOccurredAt();

        ProcessInstance claim = search(rep, name);
        choose(claim, rep, id, null);

        assertThat(claim).isWaitingAt("Task_ChooseCustomer")
                .hasPassed("Task_CheckClaim", "BoundaryEvent_ClaimNotGranted", "Gateway_ClaimChannel")
                .hasNotPassed("Task_GrantClaim");
        Instant until = released.plus(Duration.ofDays(30));
        String message = (String) runtimeService.getVariable(claim.getId(), CLAIM_MESSAGE);
        assertThat(message).contains("30 天冷却期内您不能再领取或报备它").contains(display(until) + " 起可以");
        assertThat(runtimeService.getVariable(claim.getId(), CLAIM_OUTCOME)).isEqualTo("REFUSED");
        PoolClaim refused = claimOf(claim);
        assertThat(refused.getStatus()).isEqualTo(ClaimStatus.REFUSED);
        assertThat(refused.getRefusalRule()).as("cooldown outlasts the publication next working day")
                .isEqualTo(ClaimRule.COOLDOWN);
        assertThat(refused.getRetryAfter()).isCloseTo(until, org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(task(claim)).isAssignedTo(rep);
    }

    @Test
    void aCustomerAColleagueJustTookIsLost() {
        String winner = identities.newRep("pcFast", TEAM_A);
        String loser = identities.newRep("pcSlow", TEAM_A);
        String name = Processes.uniqueName("中山市小榄五金");
        Long id = poolCustomer(name, Grade.C);
        // both have the customer among their options
        ProcessInstance slow = search(loser, name);
        ProcessInstance fast = search(winner, name);

        choose(fast, winner, id, null);
        choose(slow, loser, id, null);

        assertThat(fast).isEnded().hasPassed("EndEvent_ClaimGranted");
        assertThat(slow).isWaitingAt("Task_ChooseCustomer").hasPassed("BoundaryEvent_ClaimNotGranted");
        assertThat(runtimeService.getVariable(slow.getId(), CLAIM_OUTCOME)).isEqualTo("LOST");
        assertThat((String) runtimeService.getVariable(slow.getId(), CLAIM_MESSAGE)).isEqualTo("该客户刚被同事领取。");
        assertThat(claimOf(slow).getStatus()).isEqualTo(ClaimStatus.LOST);
        assertThat(customers.findById(id).orElseThrow().getOwner()).isEqualTo(winner);
    }

    @Test
    void aCustomerReservedByAClaimAwaitingApprovalIsLost() {
        String first = identities.newRep("pcFirst", TEAM_A);
        String second = identities.newRep("pcSecond", TEAM_A);
        String name = Processes.uniqueName("汕头市龙湖玩具");
        Long id = poolCustomer(name, Grade.A);
        ProcessInstance pending = claimInTasklist(first, name, id);
        assertThat(pending).isWaitingAt("Task_ApproveClaim");

        ProcessInstance late = claimInTasklist(second, name, id);

        assertThat(late).isWaitingAt("Task_ChooseCustomer").hasPassed("BoundaryEvent_ClaimNotGranted");
        assertThat(runtimeService.getVariable(late.getId(), CLAIM_OUTCOME)).isEqualTo("LOST");
        assertThat((String) runtimeService.getVariable(late.getId(), CLAIM_MESSAGE))
                .contains("另一位同事已领取该客户，正在等待主管审批").contains("如被驳回，客户仍留在公海");
        assertThat(claimOf(late).getStatus()).isEqualTo(ClaimStatus.LOST);
        assertThat(claimOf(pending).getStatus()).isEqualTo(ClaimStatus.PENDING_APPROVAL);
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void aRegistrationCannotOvertakeAClaimAwaitingApproval() {
        String first = identities.newRep("pcHold", TEAM_A);
        String second = identities.newRep("pcReg", TEAM_A);
        String name = Processes.uniqueName("潮州市湘桥陶瓷");
        Long id = poolCustomer(name, Grade.A);
        ProcessInstance pending = claimInTasklist(first, name, id);
        assertThat(pending).isWaitingAt("Task_ApproveClaim");

        // registering the company is claiming it: refused at once while the colleague's claim holds it
        assertThatThrownBy(() -> processes.submit(second, Processes.validForm(name)))
                .isInstanceOfSatisfying(OwnershipRefusedException.class, refused -> {
                    assertThat(refused.refusal().rule()).isEqualTo(ClaimRule.NOT_IN_POOL);
                    assertThat(refused.refusal().message()).contains("同事对该公海客户的领取正在等待主管审批或授予");
                });
        assertThat(claimOf(pending).getStatus()).isEqualTo(ClaimStatus.PENDING_APPROVAL);
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    // ------------------------------------------------------------------------------------------- approval

    @Test
    void aGradeAClaimIsApprovedByAManagerOfTheClaimantsTeam() {
        String rep = identities.newRep("pcApprove", TEAM_A);
        String name = Processes.uniqueName("广州市天河软件");
        Long id = poolCustomer(name, Grade.A);

        ProcessInstance claim = claimInTasklist(rep, name, id);

        assertThat(claim).isWaitingAt("Task_ApproveClaim").hasPassed("Task_DecideApproval");
        assertThat(claim).variables().containsEntry(APPROVAL_REQUIRED, true).containsEntry(GRADE, "A")
                .containsEntry(APPROVER_GROUP, Groups.reviewersOf(TEAM_A));
        Task approval = task(claim);
        assertThat(approval).hasCandidateGroup(Groups.reviewersOf(TEAM_A)).isNotAssigned();
        assertThat((String) taskService.getVariableLocal(approval.getId(), ClaimApprovalTaskListener.CLAIM_SUMMARY))
                .contains(rep);
        assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.PENDING_APPROVAL);
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);

        decide(approval, TestIdentities.MGR_A, "APPROVE", null);

        assertThat(claim).isEnded().hasPassed("Task_RecordClaimDecision", "Task_GrantClaim", "EndEvent_ClaimGranted");
        Customer claimed = customers.findById(id).orElseThrow();
        assertThat(claimed.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(claimed.getOwner()).isEqualTo(rep);
        assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.GRANTED);
        assertThat(claimOf(claim).getDecidedBy()).isEqualTo(TestIdentities.MGR_A);
        OwnershipEvent event = lastEvent(id);
        assertThat(event.getAction()).isEqualTo(OwnershipAction.CLAIMED);
        assertThat(event.getToOwner()).isEqualTo(rep);
        assertThat(event.getActor()).as("the approving manager").isEqualTo(TestIdentities.MGR_A);
        assertThat(ownership.currentSource(id)).isEqualTo(OwnershipSource.POOL_CLAIM);
    }

    @Test
    void aRejectionNeedsAReasonAndLeavesTheCustomerInThePool() {
        String rep = identities.newRep("pcReject", TEAM_A);
        String name = Processes.uniqueName("东莞市长安模具");
        Long id = poolCustomer(name, Grade.A);
        ProcessInstance claim = claimInTasklist(rep, name, id);
        Task approval = task(claim);

        assertThatThrownBy(() -> decide(approval, TestIdentities.MGR_A, "REJECT", "  "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("驳回时请填写原因");
        assertThat(claim).isWaitingAt("Task_ApproveClaim");
        assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.PENDING_APPROVAL);

        decide(approval, TestIdentities.MGR_A, "REJECT", "该客户由大客户部统一跟进");

        assertThat(claim).isEnded().hasPassed("EndEvent_ClaimRejected").hasNotPassed("Task_GrantClaim");
        PoolClaim rejected = claimOf(claim);
        assertThat(rejected.getStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(rejected.getDecidedBy()).isEqualTo(TestIdentities.MGR_A);
        assertThat(rejected.getMessage()).isEqualTo("主管 mgrA 驳回了领取：该客户由大客户部统一跟进");
        Customer customer = customers.findById(id).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getOwner()).isNull();
        // no longer reserved: a colleague's claim goes to approval instead of being lost
        String colleague = identities.newRep("pcAfter", TEAM_A);
        assertThat(claimInTasklist(colleague, name, id)).isWaitingAt("Task_ApproveClaim");
    }

    @Test
    void neitherTheClaimantNorARepNorAnotherTeamsManagerCanDecide() {
        String rep = identities.newRep("pcSelf", TEAM_A);
        String name = Processes.uniqueName("惠州市仲恺电池");
        Long id = poolCustomer(name, Grade.A);
        ProcessInstance claim = claimInTasklist(rep, name, id);
        Task approval = task(claim);

        for (String outsider : List.of(rep, TestIdentities.REP_A2, TestIdentities.MGR_B)) {
            assertThat(processes.as(outsider, () -> taskService.createTaskQuery().processInstanceId(claim.getId()).count()))
                    .as("%s does not see the approval", outsider).isZero();
            assertThatThrownBy(() -> processes.asUser(outsider, () ->
                    taskService.complete(approval.getId(), decision("APPROVE", null))))
                    .as("%s cannot complete it", outsider).isInstanceOf(AuthorizationException.class);
        }
        // even handed the task (only an admin may: EngineEntryGuard), the claimant cannot approve their own claim
        processes.asUser(TestIdentities.ADMIN, () -> taskService.setAssignee(approval.getId(), rep));
        assertThatThrownBy(() -> processes.asUser(rep, () ->
                taskService.complete(approval.getId(), decision("APPROVE", null))))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("只有领取人所在团队的主管才能审批该领取");

        assertThat(claim).isWaitingAt("Task_ApproveClaim");
        assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.PENDING_APPROVAL);
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    @Test
    void aClaimApprovedAfterTheQuotaFilledUpIsRefusedAtGrant() {
        String rep = identities.newRep("pcFull", TEAM_A);
        String name = Processes.uniqueName("肇庆市端州砚台");
        Long id = poolCustomer(name, Grade.A);
        ProcessInstance claim = claimInTasklist(rep, name, id);
        assertThat(claim).isWaitingAt("Task_ApproveClaim");
        // while the manager decides, the rep comes to hold the quota's 50 customers
        protectFor(rep, 50);

        decide(task(claim), TestIdentities.MGR_A, "APPROVE", null);

        assertThat(claim).isEnded().hasPassed("Task_GrantClaim", "BoundaryEvent_GrantRefused",
                "EndEvent_ClaimRefusedAtGrant").hasNotPassed("EndEvent_ClaimGranted");
        PoolClaim refused = claimOf(claim);
        assertThat(refused.getStatus()).isEqualTo(ClaimStatus.REFUSED);
        assertThat(refused.getRefusalRule()).isEqualTo(ClaimRule.QUOTA);
        assertThat(refused.getMessage()).contains("已达保有量上限（50 个）");
        Customer customer = customers.findById(id).orElseThrow();
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.POOL);
        assertThat(customer.getOwner()).isNull();
    }

    // ----------------------------------------------------------------------------------------------- draw

    @Test
    void claimsInTheDrawWindowAreDrawnByLotAndTheDrawCanBeReplayedFromTheAuditLog() {
        String name = Processes.uniqueName("湛江市赤坎水产");
        Long id = poolCustomer(name, Grade.B);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Instant drawUntil = now.plus(Duration.ofHours(1));
        moveWindow(id, now.minus(Duration.ofMinutes(1)), drawUntil);
        List<String> reps = List.of(identities.newRep("pcDrawA", TEAM_A), identities.newRep("pcDrawB", TEAM_A),
                identities.newRep("pcDrawC", TEAM_A));

        List<ProcessInstance> entrants = new ArrayList<>();
        for (String rep : reps) {
            ProcessInstance claim = claimInTasklist(rep, name, id);
            assertThat(claim).isWaitingAt("TimerEvent_DrawAt");
            assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.PENDING_DRAW);
            assertThat(claimOf(claim).getDrawAt()).isEqualTo(drawUntil);
            assertThat((String) runtimeService.getVariable(claim.getId(), CLAIM_MESSAGE)).contains("随机抽签决定");
            Job timer = managementService.createJobQuery().processInstanceId(claim.getId()).timers().singleResult();
            assertThat(timer.getDuedate()).isEqualTo(Date.from(drawUntil));
            entrants.add(claim);
        }
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);

        for (ProcessInstance claim : entrants) {
            processes.fireTimer(claim, "TimerEvent_DrawAt");
            assertThat(claim).isWaitingAt("Task_Draw");
            processes.executeJob(claim);
        }

        List<ProcessInstance> granted = entrants.stream()
                .filter(c -> passed(c, "EndEvent_ClaimGranted")).toList();
        assertThat(granted).hasSize(1);
        for (ProcessInstance claim : entrants) {
            assertThat(claim).isEnded();
            if (claim != granted.get(0)) {
                assertThat(claim).hasPassed("EndEvent_DrawLost");
                assertThat(claimOf(claim).getStatus()).isEqualTo(ClaimStatus.LOST);
                assertThat(claimOf(claim).getMessage()).isEqualTo("共 3 人参与抽签，您未中签。");
            }
        }
        PoolClaim won = claimOf(granted.get(0));
        assertThat(won.getStatus()).isEqualTo(ClaimStatus.GRANTED);
        Customer customer = customers.findById(id).orElseThrow();
        assertThat(customer.getOwner()).isEqualTo(won.getClaimant());
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.PROTECTED);

        List<AuditEntry> draws = audit.search(null, "CUSTOMER", id.toString(), null, null, PageRequest.of(0, 100))
                .stream().filter(e -> e.getAction().equals("POOL_DRAW")).toList();
        assertThat(draws).as("one draw for all entrants").hasSize(1);
        String recorded = draws.get(0).getAfter();
        List<Long> claimIds = entrants.stream().map(c -> claimOf(c).getId()).sorted().toList();
        Matcher m = Pattern.compile("seed=(-?\\d+);entrants=\\[(.*)];order=\\[(.*)];winner=(\\d+):(\\w+)").matcher(recorded);
        assertThat(m.matches()).as(recorded).isTrue();
        for (Long claimId : claimIds) {
            assertThat(m.group(2)).contains(claimId + ":" + poolClaims.findById(claimId).orElseThrow().getClaimant());
        }
        // anyone can replay it: the entrants in id order, shuffled with the recorded seed
        List<Long> replay = new ArrayList<>(claimIds);
        Collections.shuffle(replay, new Random(Long.parseLong(m.group(1))));
        assertThat(m.group(3)).isEqualTo(String.join(", ", replay.stream().map(String::valueOf).toList()));
        assertThat(Long.valueOf(m.group(4))).isEqualTo(replay.get(0)).isEqualTo(won.getId());
        assertThat(m.group(5)).isEqualTo(won.getClaimant());
    }

    // ------------------------------------------------------------------------------------------------ API

    @Test
    void theApiStartsTheSameProcessAndAGrantedClaimEndsGranted() {
        String rep = identities.newRep("pcApi", TEAM_A);
        Long id = poolCustomer(Processes.uniqueName("韶关市曲江矿业"), Grade.C);

        PoolClaimService.ClaimView view = requests.claim(directory.actor(rep), id, "接口领取");

        assertThat(view.status()).isEqualTo(ClaimStatus.GRANTED);
        ProcessInstance claim = instance(view.claimId());
        assertThat(claim).isEnded().hasPassed("StartEvent_ClaimRequested", "EndEvent_ClaimGranted")
                .hasNotPassed("Task_SearchPool", "Task_ChooseCustomer");
        assertThat(customers.findById(id).orElseThrow().getOwner()).isEqualTo(rep);
    }

    @Test
    void aRefusedApiClaimEndsNotGrantedWithTheRuleAndWhenToRetry() {
        String rep = identities.newRep("pcApiNo", TEAM_A);
        Long id = poolCustomer(Processes.uniqueName("清远市清城陶瓷"), Grade.B);
        Instant publishedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(2));
        moveWindow(id, publishedAt, publishedAt.plus(Duration.ofHours(2)));

        PoolClaimService.ClaimView view = requests.claim(directory.actor(rep), id, null);

        assertThat(view.status()).isEqualTo(ClaimStatus.REFUSED);
        assertThat(view.rule()).isEqualTo(ClaimRule.NOT_YET_PUBLISHED);
        assertThat(view.retryAfter()).isEqualTo(publishedAt);
        assertThat(view.message()).contains("该客户将于 " + display(publishedAt) + " 在公海发布")
                .contains("发布后 2 小时内的领取将抽签决定");
        ProcessInstance claim = instance(view.claimId());
        assertThat(claim).isEnded().hasPassed("BoundaryEvent_ClaimNotGranted", "EndEvent_ClaimNotGranted")
                .hasNotPassed("Task_ChooseCustomer");
        assertThat(customers.findById(id).orElseThrow().getStatus()).isEqualTo(CustomerStatus.POOL);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private Long poolCustomer(String name, Grade grade) {
        return TestCustomers.inPool(ownership, name, grade, "广东省深圳市", null);
    }

    private void protectFor(String rep, int count) {
        TestCustomers.protectFor(ownership, rep, TEAM_A, count);
    }

    /** Puts a pool customer's publication and draw window where the test needs them. */
    private void moveWindow(Long id, Instant claimableFrom, Instant drawUntil) {
        jdbc.update("update customer set claimable_from = ?, draw_until = ? where id = ?",
                OffsetDateTime.ofInstant(claimableFrom, ZoneOffset.UTC), OffsetDateTime.ofInstant(drawUntil, ZoneOffset.UTC), id);
    }

    private ProcessInstance search(String rep, String text) {
        return processes.as(rep, () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, Map.of(SEARCH_TEXT, text)));
    }

    private void choose(ProcessInstance claim, String rep, Long customerId, String reason) {
        Task choice = task(claim);
        assertThat(choice).hasDefinitionKey("Task_ChooseCustomer");
        Map<String, Object> variables = new HashMap<>();
        variables.put(CHOOSE_ACTION, "CLAIM");
        variables.put(CUSTOMER_ID, customerId.toString());
        variables.put(CLAIM_REASON, reason);
        processes.asUser(rep, () -> taskService.complete(choice.getId(), variables));
    }

    private ProcessInstance claimInTasklist(String rep, String name, Long customerId) {
        ProcessInstance claim = search(rep, name);
        choose(claim, rep, customerId, null);
        return claim;
    }

    private void decide(Task approval, String manager, String decision, String reason) {
        processes.asUser(manager, () -> {
            if (!manager.equals(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee())) {
                taskService.claim(approval.getId(), manager);
            }
            taskService.complete(approval.getId(), decision(decision, reason));
        });
    }

    private static Map<String, Object> decision(String decision, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLAIM_DECISION, decision);
        variables.put(CLAIM_DECISION_REASON, reason);
        return variables;
    }

    private PoolClaim claimOf(ProcessInstance claim) {
        return poolClaims.findFirstByProcessInstanceIdOrderByIdDesc(claim.getId()).orElseThrow();
    }

    private OwnershipEvent lastEvent(Long customerId) {
        List<OwnershipEvent> events = ownership.historyOf(customerId);
        return events.get(events.size() - 1);
    }

    private long historyCount(ProcessInstance instance, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).count();
    }

    private boolean passed(ProcessInstance instance, String activityId) {
        return historyCount(instance, activityId) > 0;
    }

    /** The (possibly ended) instance of a claim the API started, for camunda-bpm-assert. */
    private ProcessInstance instance(Long claimId) {
        String id = poolClaims.findById(claimId).orElseThrow().getProcessInstanceId();
        var historic = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        return new ProcessInstance() {
            public String getId() { return id; }
            public String getProcessInstanceId() { return id; }
            public String getProcessDefinitionId() { return historic.getProcessDefinitionId(); }
            public String getProcessDefinitionKey() { return historic.getProcessDefinitionKey(); }
            public String getBusinessKey() { return historic.getBusinessKey(); }
            public String getRootProcessInstanceId() { return id; }
            public String getCaseInstanceId() { return null; }
            public boolean isSuspended() { return false; }
            public boolean isEnded() { return historic.getEndTime() != null; }
            public String getTenantId() { return null; }
        };
    }

    private String display(Instant instant) {
        return DISPLAY.withZone(clock.getZone()).format(instant);
    }
}
