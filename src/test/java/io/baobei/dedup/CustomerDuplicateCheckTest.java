package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate check on the database it runs on (H2 here, PostgreSQL in the second run): Chinese names
 * go through the blocking index kept by JPA, and each verdict comes out as the rules say.
 */
@BaobeiSpringTest
class CustomerDuplicateCheckTest {

    @Autowired DuplicateCheck check;
    @Autowired CustomerRepository customers;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired MatchRules rules;

    /** a trade name no other test uses: two random CJK characters from a rare block */
    private static String trade() {
        UUID u = UUID.randomUUID();
        return new String(Character.toChars(0x4E00 + (int) Math.floorMod(u.getMostSignificantBits(), 20000L)))
                + new String(Character.toChars(0x4E00 + (int) Math.floorMod(u.getLeastSignificantBits(), 20000L)))
                + "鑫";
    }

    private Customer heldBy(String name, String owner, String team) {
        Instant now = Instant.now(clock);
        Customer customer = new Customer(name, Grade.B, now);
        io.baobei.customer.TestCustomers.protect(customer, owner, team, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        return customers.save(customer);
    }

    private DuplicateCheckResult checkAs(String user, String name) {
        return check.check(new DuplicateCandidate(name, null, null, null, user));
    }

    @Test
    void theIndexIsWrittenWithTheCustomer() {
        String name = "深圳市" + trade() + "科技有限公司";
        Customer customer = heldBy(name, TestIdentities.REP_B1, TestIdentities.TEAM_B);
        CompanyName analysed = CompanyNames.analyze(name);
        assertThat(analysed.core()).endsWith("科技");
        assertThat(jdbc.queryForList("select name_key from customer_name_key where customer_id = ?", String.class,
                customer.getId())).containsExactlyInAnyOrderElementsOf(analysed.blockingKeys())
                .contains("c:" + analysed.core(), "t:" + analysed.trade(), "d:" + analysed.trade() + "/科技");
        // (by code point: simplifying a traditional character can give one outside the BMP, e.g. 𫍣)
    }

    @Test
    void variantsOfAColleaguesCustomerAreConflicts() {
        String trade = trade();
        Customer held = heldBy("深圳市" + trade + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);

        for (String variant : new String[]{"深圳市" + trade + "科技有限公司", trade + "科技（深圳）有限公司",
                "广东省深圳市" + trade + "科技有限责任公司", " 深圳 " + trade + "科技 有限公司 "}) {
            DuplicateCheckResult result = checkAs(TestIdentities.REP_A1, variant);
            assertThat(result.verdict()).as(variant).isEqualTo(Verdict.CONFLICT);
            assertThat(result.matches().get(0).customerId()).isEqualTo(held.getId());
            assertThat(result.matches().get(0).status()).isEqualTo(MatchStatus.OWNED_BY_OTHER);
        }
    }

    @Test
    void similarNamesBranchesAndOtherCitiesAreSuspects() {
        String trade = trade();
        heldBy("深圳市" + trade + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);

        // an IME slip: 鑫 → 新 (both xin)
        String typo = trade.substring(0, trade.length() - 1) + "新";
        assertThat(checkAs(TestIdentities.REP_A1, "深圳市" + typo + "科技有限公司").verdict()).isEqualTo(Verdict.SUSPECT);
        DuplicateCheckResult branch = checkAs(TestIdentities.REP_A1, trade + "科技有限公司广州分公司");
        assertThat(branch.verdict()).isEqualTo(Verdict.SUSPECT);
        assertThat(branch.matches().get(0).reasons()).contains(MatchReason.BRANCH);
        assertThat(checkAs(TestIdentities.REP_A1, "杭州" + trade + "科技有限公司").verdict()).isEqualTo(Verdict.SUSPECT);
    }

    @Test
    void namesSharingOnlyRegionAndIndustryWordsAreClear() {
        heldBy("深圳市" + trade() + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        assertThat(checkAs(TestIdentities.REP_A1, "深圳市" + trade() + "科技有限公司").verdict()).isEqualTo(Verdict.CLEAR);
    }

    @Test
    void theRepsOwnCustomerIsSuspectNotConflict() {
        String name = "珠海" + trade() + "贸易有限公司";
        heldBy(name, TestIdentities.REP_A1, TestIdentities.TEAM_A);
        DuplicateCheckResult result = checkAs(TestIdentities.REP_A1, name);
        assertThat(result.verdict()).isEqualTo(Verdict.SUSPECT);
        assertThat(result.matches().get(0).status()).isEqualTo(MatchStatus.OWNED_BY_YOU);
    }

    @Test
    void aNewCompanySharingOneCharacterOfAShortTradeNameIsClear() {
        String first = trade().substring(0, 1);
        heldBy("深圳市" + first + "鑫科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        // 鑫 (xin) and 淼 (miao) neither sound nor look alike: another company, not a typo
        assertThat(checkAs(TestIdentities.REP_A1, "深圳市" + first + "淼科技有限公司").verdict()).isEqualTo(Verdict.CLEAR);
        // a slip of the IME (鑫 → 新, both xin) is a typo
        assertThat(checkAs(TestIdentities.REP_A1, "深圳市" + first + "新科技有限公司").verdict()).isEqualTo(Verdict.SUSPECT);
    }

    @Test
    void aHoldingOrAnotherIndustryOfTheSameBrandIsSuspectNeverConflict() {
        String trade = trade();
        Customer group = heldBy(trade + "集团股份有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        for (String relative : new String[]{trade + "控股有限公司", trade + "物业服务有限公司", "深圳市" + trade + "置业有限公司"}) {
            DuplicateCheckResult result = checkAs(TestIdentities.REP_A1, relative);
            assertThat(result.verdict()).as(relative).isEqualTo(Verdict.SUSPECT);
            assertThat(result.matches()).extracting(DuplicateMatch::customerId).contains(group.getId());
        }
    }

    /** Distinctiveness is learnt from the customers: a trade name that many hold is a common word, not a brand. */
    @Test
    void theSameTradeNameElsewhereIsSuspectOnlyWhileFewCustomersShareIt() {
        String trade = trade();
        heldBy("深圳市" + trade + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        assertThat(checkAs(TestIdentities.REP_A1, "杭州市" + trade + "科技有限公司").verdict()).isEqualTo(Verdict.SUSPECT);
        // the pairwise rules (the duplicate scan's) read the same statistics from the data
        MatchRules.Profile hangzhou = MatchRules.Profile.of("杭州市" + trade + "科技有限公司", null, null, null);
        MatchRules.Profile shenzhen = MatchRules.Profile.of("深圳市" + trade + "科技有限公司", null, null, null);
        assertThat(rules.evaluate(hangzhou, shenzhen).isMatch()).isTrue();

        String[] cities = {"北京市", "上海市", "广州市", "成都市", "武汉市", "南京市", "西安市", "重庆市", "天津市", "苏州市",
                "长沙市", "郑州市", "青岛市", "沈阳市", "大连市", "厦门市", "福州市", "合肥市", "济南市", "昆明市"};
        for (String city : cities) {
            heldBy(city + trade + "贸易有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B);
        }
        // 21 customers hold the trade name now (baobei.dedup.distinctive-max-customers: 20)
        assertThat(checkAs(TestIdentities.REP_A1, "杭州市" + trade + "科技有限公司").verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(rules.evaluate(hangzhou, shenzhen).isMatch()).isFalse();
        // in the same city it is still worth a look
        assertThat(checkAs(TestIdentities.REP_A1, "深圳市" + trade + "物流有限公司").verdict()).isEqualTo(Verdict.SUSPECT);
    }
}
