package io.baobei.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.identity.UserDirectory;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.TEAM_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * The defaults of OwnershipRules.dmn as the application reads them, and how OwnershipService combines the rules into
 * one refusal: the longest-lasting rule first, its Chinese message naming when it will allow the claim.
 */
@BaobeiSpringTest
class OwnershipRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Autowired OwnershipRules rules;
    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired DecisionService decisions;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired UserDirectory directory;
    @Autowired TestIdentities identities;
    @Autowired Processes processes;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired ProcessEngine engine;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    // ------------------------------------------------------------------------------------ the DMN defaults

    @Test
    void quotaIsFiftyForEveryTeamAndRole() {
        for (String user : new String[] {TestIdentities.REP_A1, TestIdentities.REP_B1, TestIdentities.MGR_A}) {
            assertThat(rules.quota(directory.actor(user))).as(user).isEqualTo(50);
        }
    }

    @Test
    void fiveClaimsADayAndThirtyDaysOfCooldown() {
        for (String user : new String[] {TestIdentities.REP_A1, TestIdentities.REP_B1, TestIdentities.MGR_B}) {
            assertThat(rules.claimLimits(directory.actor(user))).as(user)
                    .isEqualTo(new OwnershipRules.ClaimLimits(5, 30));
        }
    }

    @ParameterizedTest
    @CsvSource({"A, true", "B, false", "C, false", "D, false"})
    void onlyGradeAClaimsNeedTheManagersApproval(String grade, boolean approvalRequired) {
        Object required = decisions.evaluateDecisionByKey("PoolClaimApproval").variables(Map.of("grade", grade))
                .evaluate().getSingleResult().getSingleEntry();
        assertThat(required).isEqualTo(approvalRequired);
    }

    @ParameterizedTest
    @CsvSource({
            // left at (Asia/Shanghai)  → claimable from (Asia/Shanghai)
            "2026-11-25T15:00, 2026-11-26T10:00", // Wednesday → Thursday
            "2026-11-26T23:30, 2026-11-27T10:00", // late Thursday evening: still Thursday in Shanghai, not in UTC
            "2026-11-27T08:00, 2026-11-30T10:00", // Friday, even before 10:00 → Monday
            "2026-11-27T18:00, 2026-11-30T10:00", // Friday evening → Monday
            "2026-11-28T11:00, 2026-11-30T10:00", // Saturday → Monday
            "2026-11-29T23:59, 2026-11-30T10:00"  // Sunday → Monday
    })
    void customersThatLeaveAnOwnerArePublishedTheNextWorkingDayAtTenWithATwoHourDraw(LocalDateTime leftAt,
                                                                                       LocalDateTime published) {
        OwnershipRules.Publication publication = rules.publication(OwnershipAction.RELEASED, Grade.B,
                leftAt.atZone(SHANGHAI).toInstant(), SHANGHAI);

        assertThat(publication.claimableFrom()).isEqualTo(published.atZone(SHANGHAI).toInstant());
        assertThat(publication.drawUntil()).isEqualTo(published.plusMinutes(120).atZone(SHANGHAI).toInstant());
    }

    @Test
    void byDefaultOnlyAGradeAClaimGoesToTheManagers() {
        assertThat(java.util.Arrays.stream(Grade.values()).filter(ownership::claimNeedsApproval)).containsExactly(Grade.A);
    }

    @Test
    void aCustomerLeftOnTheEveOfAHolidayIsPublishedAfterItAndOnAMakeUpWorkingDay() {
        // baobei.calendar: Thursday 10-01 and Friday 10-02 off, Saturday 10-10 worked instead (调休)
        OwnershipRules withHolidays = new OwnershipRules(decisions,
                new io.baobei.common.WorkCalendar(List.of("2026-10-01", "2026-10-02"), List.of("2026-10-10")));
        assertThat(withHolidays.publication(OwnershipAction.RECLAIMED_EXPIRED, Grade.A,
                LocalDateTime.parse("2026-09-30T18:00").atZone(SHANGHAI).toInstant(), SHANGHAI).claimableFrom())
                .isEqualTo(LocalDateTime.parse("2026-10-05T10:00").atZone(SHANGHAI).toInstant());
        assertThat(withHolidays.publication(OwnershipAction.RELEASED, Grade.B,
                LocalDateTime.parse("2026-10-09T16:00").atZone(SHANGHAI).toInstant(), SHANGHAI).claimableFrom())
                .isEqualTo(LocalDateTime.parse("2026-10-10T10:00").atZone(SHANGHAI).toInstant());
    }

    @ParameterizedTest
    @EnumSource(value = OwnershipAction.class, names = {"RELEASED", "RECLAIMED_NO_FOLLOW_UP", "RECLAIMED_EXPIRED"})
    void everyWayOfLeavingAndEveryGradeHasTheSamePublicationByDefault(OwnershipAction action) {
        Instant wednesday = LocalDateTime.parse("2026-11-25T15:00").atZone(SHANGHAI).toInstant();
        Instant thursdayTen = LocalDateTime.parse("2026-11-26T10:00").atZone(SHANGHAI).toInstant();
        for (Grade grade : Grade.values()) {
            assertThat(rules.publication(action, grade, wednesday, SHANGHAI))
                    .isEqualTo(new OwnershipRules.Publication(thursdayTen, thursdayTen.plus(Duration.ofHours(2))));
        }
    }

    // ------------------------------------------------------------------- which refusal a rep is given

    @Test
    void cooldownAndPublicationRefuseWithWhicheverLastsLonger() {
        String releaser = identities.newRep("orCool", TEAM_A);
        String colleague = identities.newRep("orOther", TEAM_A);
        Long id = poolCustomer(Grade.B);
        ownership.claim(id, releaser, OwnershipService.Counted.NOTHING, null, releaser);
        ownership.release(id, releaser, "暂无需求", null);
        Customer released = customers.findById(id).orElseThrow();
        var history = ownership.historyOf(id);
        Instant leftAt = history.get(history.size() - 1).getOccurredAt();

        // the releaser: 30 days of cooldown outlast the publication on the next working day
        OwnershipRefusal cooldown = refusal(id, releaser).orElseThrow();
        Instant until = leftAt.plus(Duration.ofDays(30));
        assertThat(cooldown.rule()).isEqualTo(ClaimRule.COOLDOWN);
        assertThat(cooldown.retryAfter()).isCloseTo(until, within());
        assertThat(cooldown.message()).isEqualTo("该客户于 " + display(leftAt) + " 离开您的名下（主动释放），30 天冷却期内您不能再领取或报备它，"
                + display(until) + " 起可以。");

        // a colleague: only the publication
        OwnershipRefusal publication = refusal(id, colleague).orElseThrow();
        assertThat(publication.rule()).isEqualTo(ClaimRule.NOT_YET_PUBLISHED);
        assertThat(publication.retryAfter()).isEqualTo(released.getClaimableFrom());
        assertThat(publication.message()).isEqualTo("该客户将于 " + display(released.getClaimableFrom())
                + " 在公海发布，发布后 2 小时内的领取将抽签决定。");

        // a publication later than the cooldown is what the releaser is told
        Instant late = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(40));
        jdbc.update("update customer set claimable_from = ?, draw_until = ? where id = ?", utc(late),
                utc(late.plus(Duration.ofHours(2))), id);
        OwnershipRefusal later = refusal(id, releaser).orElseThrow();
        assertThat(later.rule()).isEqualTo(ClaimRule.NOT_YET_PUBLISHED);
        assertThat(later.retryAfter()).isEqualTo(late);
        assertThat(later.message()).contains(display(late));
    }

    @Test
    void theDailyLimitRefusesTheSixthClaimUntilMidnightAndAFullQuotaComesFirst() {
        String rep = identities.newRep("orDaily", TEAM_A);
        for (int i = 0; i < 5; i++) {
            Long id = poolCustomer(Grade.C);
            assertThat(refusal(id, rep)).isEmpty();
            ownership.claim(id, rep, OwnershipService.Counted.NOTHING, null, rep);
        }
        Long sixth = poolCustomer(Grade.C);

        OwnershipRefusal daily = refusal(sixth, rep).orElseThrow();
        Instant midnight = LocalDate.now(clock).plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        assertThat(daily.rule()).isEqualTo(ClaimRule.DAILY_LIMIT);
        assertThat(daily.retryAfter()).isEqualTo(midnight);
        assertThat(daily.message()).isEqualTo("您今天已领取 5 个公海客户（含待审批、待抽签），达到每日上限（5 个），"
                + display(midnight) + " 起可以继续领取。");

        // 5 claimed + 45 more: the quota lasts until a customer leaves, longer than the day, and is named instead
        protectFor(rep, 45);
        OwnershipRefusal quota = refusal(sixth, rep).orElseThrow();
        assertThat(quota.rule()).isEqualTo(ClaimRule.QUOTA);
        assertThat(quota.retryAfter()).isNull();
        assertThat(quota.message()).startsWith("您名下保护中的客户与处理中的报备、领取共 50 个，已达保有量上限（50 个）。")
                .contains("释放到公海");
    }

    @Test
    void theQuotaCountsPendingRegistrationsAndPendingClaims() {
        String rep = identities.newRep("orQuota", TEAM_A);
        protectFor(rep, 48);
        assertThat(ownership.quotaRefusal(directory.actor(rep), OwnershipService.Counted.NOTHING)).isEmpty();

        // a registration still being checked: 49
        processes.submit(rep, Processes.validForm(Processes.uniqueName("配额报备")));
        assertThat(ownership.quotaRefusal(directory.actor(rep), OwnershipService.Counted.NOTHING)).isEmpty();

        // a grade-A claim waiting for the manager: 50
        String name = Processes.uniqueName("配额领取");
        Long claimed = poolCustomer(name, Grade.A);
        ProcessInstance claim = processes.as(rep, () -> runtimeService.startProcessInstanceByKey("PoolClaimProcess",
                Map.of("searchText", name)));
        Map<String, Object> choice = new HashMap<>();
        choice.put("chooseAction", "CLAIM");
        choice.put("customerId", claimed.toString());
        String choose = taskService.createTaskQuery().processInstanceId(claim.getId()).singleResult().getId();
        processes.asUser(rep, () -> taskService.complete(choose, choice));
        assertThat(claim).isWaitingAt("Task_ApproveClaim");

        Optional<OwnershipRefusal> full = ownership.quotaRefusal(directory.actor(rep), OwnershipService.Counted.NOTHING);
        assertThat(full).isPresent();
        assertThat(full.get().rule()).isEqualTo(ClaimRule.QUOTA);
        assertThat(full.get().message()).contains("共 50 个，已达保有量上限（50 个）");
        assertThat(refusal(poolCustomer(Grade.C), rep).map(OwnershipRefusal::rule)).contains(ClaimRule.QUOTA);
        assertThat(customers.countByOwnerAndStatus(rep, CustomerStatus.PROTECTED)).isEqualTo(48);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private Optional<OwnershipRefusal> refusal(Long customerId, String rep) {
        return ownership.claimRefusal(customers.findById(customerId).orElseThrow(), directory.actor(rep),
                OwnershipService.Counted.NOTHING, true);
    }

    private Long poolCustomer(Grade grade) {
        return poolCustomer(Processes.uniqueName("规则测试"), grade);
    }

    private Long poolCustomer(String name, Grade grade) {
        return TestCustomers.inPool(ownership, name, grade, "广东省深圳市", null);
    }

    private void protectFor(String rep, int count) {
        TestCustomers.protectFor(ownership, rep, TEAM_A, count);
    }

    private String display(Instant instant) {
        return DISPLAY.withZone(SHANGHAI).format(instant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MILLIS);
    }
}
