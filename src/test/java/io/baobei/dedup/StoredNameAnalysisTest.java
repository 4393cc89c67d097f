package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysed names stored with the customers (V7): written with the name, filled in at start-up for rows
 * without a current analysis, recomputed by a rebuild, and giving the check the verdicts it gave when it
 * analysed every candidate and decrypted its contact data.
 */
@BaobeiSpringTest
class StoredNameAnalysisTest {

    @Autowired CustomerDuplicateCheck check;
    @Autowired CustomerRepository customers;
    @Autowired CustomerNameIndex nameIndex;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MatchRules rules;

    /** a trade name no other test uses: two random CJK characters from a rare block */
    private static String trade() {
        UUID u = UUID.randomUUID();
        return new String(Character.toChars(0x4E00 + (int) Math.floorMod(u.getMostSignificantBits(), 20000L)))
                + new String(Character.toChars(0x4E00 + (int) Math.floorMod(u.getLeastSignificantBits(), 20000L)))
                + "鑫";
    }

    private Customer saved(String name, String owner, String team, String phone, String email) {
        Instant now = Instant.now(clock);
        Customer customer = new Customer(name, Grade.B, now);
        customer.updateDetails(name, null, "联系人", phone, email, "IT", "广东省",
                Grade.B);
        if (owner != null) {
            io.baobei.customer.TestCustomers.protect(customer, owner, team, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(7)));
        }
        return customers.save(customer);
    }

    /** The check as it was before V7: candidates loaded as entities, every name analysed again, clear contact data. */
    private DuplicateCheckResult formerCheck(DuplicateCandidate candidate) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.setReadOnly(true);
        return transaction.execute(s -> {
            MatchRules.Profile profile = MatchRules.Profile.of(candidate.companyName(), candidate.creditCode(),
                    candidate.phone(), candidate.email());
            Set<Long> ids = new LinkedHashSet<>(check.strongKeyIds(profile));
            ids.addAll(check.candidatesByName(profile.name()));
            List<DuplicateMatch> matches = new ArrayList<>();
            boolean conflict = false;
            for (Customer customer : customers.findAllById(ids)) {
                MatchRules.Evaluation evaluation = rules.evaluate(profile, MatchRules.Profile.of(
                        customer.getCompanyName(), customer.getCreditCode(), customer.getPhone(), customer.getEmail()));
                if (evaluation.isMatch()) {
                    conflict |= evaluation.isStrong() && customer.isOwnedByOtherThan(candidate.requestedBy());
                    matches.add(new DuplicateMatch(customer.getId(), CustomerDuplicateCheck.statusFor(
                            customer.getStatus(), customer.getOwner(), candidate.requestedBy()),
                            evaluation.score(), evaluation.reasons()));
                }
            }
            matches.sort(Comparator.comparingDouble(DuplicateMatch::score).reversed()
                    .thenComparingLong(DuplicateMatch::customerId));
            return new DuplicateCheckResult(conflict ? Verdict.CONFLICT : matches.isEmpty() ? Verdict.CLEAR
                    : Verdict.SUSPECT, matches);
        });
    }

    private List<DuplicateCandidate> variants(String trade, String phone, String email) {
        List<DuplicateCandidate> candidates = new ArrayList<>();
        String typo = trade.charAt(0) + "淼" + trade.substring(2);
        for (String user : new String[]{TestIdentities.REP_A1, TestIdentities.REP_B1}) {
            for (String name : new String[]{"深圳市" + trade + "科技有限公司", trade + "科技（深圳）有限公司",
                    "深圳市" + trade + "科技有限責任公司", "深圳市" + typo + "科技有限公司", trade + "科技有限公司广州分公司",
                    "杭州" + trade + "科技有限公司", trade + "集团有限公司", "深圳市" + trade() + "科技有限公司"}) {
                candidates.add(new DuplicateCandidate(name, null, Processes.uniqueMobile(), null, user));
            }
            // strong keys under another name: the phone typed differently, the email in capitals
            candidates.add(new DuplicateCandidate("深圳市" + trade() + "贸易有限公司", null,
                    "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7), null, user));
            candidates.add(new DuplicateCandidate("深圳市" + trade() + "贸易有限公司", null, Processes.uniqueMobile(),
                    email.toUpperCase(), user));
        }
        return candidates;
    }

    private void assertSameVerdictsAsTheFormerCheck(List<DuplicateCandidate> candidates) {
        for (DuplicateCandidate candidate : candidates) {
            assertThat(check.check(candidate)).as(candidate.companyName() + " / " + candidate.requestedBy())
                    .isEqualTo(formerCheck(candidate));
        }
    }

    private List<Customer> familyOf(String trade, String phone, String email) {
        return List.of(
                saved("深圳市" + trade + "科技有限公司", TestIdentities.REP_B1, TestIdentities.TEAM_B, phone, null),
                saved(trade + "科技有限公司广州分公司", null, null, Processes.uniqueMobile(), email),
                saved("杭州" + trade + "科技有限公司", TestIdentities.REP_A1, TestIdentities.TEAM_A,
                        Processes.uniqueMobile(), null));
    }

    @Test
    void theCheckOnStoredAnalysesGivesTheVerdictsOfTheFormerCheck() {
        String trade = trade();
        String phone = Processes.uniqueMobile();
        String email = "info@" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
        familyOf(trade, phone, email);

        List<DuplicateCandidate> candidates = variants(trade, phone, email);
        assertSameVerdictsAsTheFormerCheck(candidates);
        // not vacuous: the variants reach every verdict and every strong key
        List<DuplicateCheckResult> results = candidates.stream().map(check::check).toList();
        assertThat(results).extracting(DuplicateCheckResult::verdict).contains(Verdict.CLEAR, Verdict.SUSPECT,
                Verdict.CONFLICT);
        assertThat(results).flatExtracting(DuplicateCheckResult::matches).flatExtracting(DuplicateMatch::reasons)
                .contains(MatchReason.NAME_CORE, MatchReason.BRANCH, MatchReason.NAME_SIMILAR, MatchReason.PHONE,
                        MatchReason.EMAIL);
    }

    @Test
    void theNameIsAnalysedWhereverItIsWritten() {
        String trade = trade();
        Customer customer = saved("廣東省深圳市" + trade + "科技（集團）有限公司", null, null, Processes.uniqueMobile(), null);
        assertThat(customers.findById(customer.getId()).orElseThrow().getAnalysedName())
                .isEqualTo(CompanyNames.analyze(customer.getCompanyName()));

        String name = trade + "科技有限公司杭州分公司";
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> customers.findById(customer.getId())
                .orElseThrow().updateDetails(name, null, "联系人",
                        Processes.uniqueMobile(), null, "IT", "浙江省", Grade.B));
        CompanyName stored = customers.findById(customer.getId()).orElseThrow().getAnalysedName();
        assertThat(stored).isEqualTo(CompanyNames.analyze(name));
        assertThat(stored.branch()).isTrue();
    }

    @Test
    void theStartUpBackfillAnalysesCustomersWithoutACurrentAnalysis() {
        String trade = trade();
        String phone = Processes.uniqueMobile();
        String email = "sales@" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
        List<Customer> family = familyOf(trade, phone, email);
        long notAnalysed = family.get(0).getId();
        long otherVersion = family.get(1).getId();
        long withoutKeys = family.get(2).getId();
        // as V7 leaves existing rows; as another analyser version left them; as an SQL load leaves them
        jdbc.update("update customer set name_core = null, name_trade = null, name_region = null, name_branch = null,"
                + " name_group = null, name_version = null where id = ?", notAnalysed);
        jdbc.update("update customer set name_core = '旧版', name_trade = '旧版', name_version = ? where id = ?",
                CompanyNames.ANALYSIS_VERSION + 1, otherVersion);
        jdbc.update("delete from customer_name_key where customer_id = ?", withoutKeys);

        // until the backfill, the check analyses such rows itself
        List<DuplicateCandidate> candidates = variants(trade, phone, email);
        assertSameVerdictsAsTheFormerCheck(candidates);
        assertThat(check.check(new DuplicateCandidate(trade + "科技（深圳）有限公司", null, null, null,
                TestIdentities.REP_A1)).verdict()).isEqualTo(Verdict.CONFLICT);

        assertThat(nameIndex.indexCustomersWithoutKeys()).isGreaterThanOrEqualTo(3);

        for (Customer customer : family) {
            Customer reloaded = customers.findById(customer.getId()).orElseThrow();
            assertThat(reloaded.getAnalysedName()).isEqualTo(CompanyNames.analyze(customer.getCompanyName()));
            assertThat(jdbc.queryForList("select name_key from customer_name_key where customer_id = ?", String.class,
                    customer.getId())).containsExactlyInAnyOrderElementsOf(
                    CompanyNames.analyze(customer.getCompanyName()).blockingKeys());
        }
        assertThat(jdbc.queryForObject("select count(*) from customer where name_version is null or name_version <> ?",
                Long.class, CompanyNames.ANALYSIS_VERSION)).isZero();
        assertSameVerdictsAsTheFormerCheck(candidates);
    }

    @Test
    void aRebuildRecomputesTheStoredAnalysis() {
        Customer customer = saved("深圳市" + trade() + "电子有限公司", null, null, Processes.uniqueMobile(), null);
        // a current version but a stale analysis: what a changed region list leaves behind without a version bump
        jdbc.update("update customer set name_core = '旧版', name_region = null where id = ?", customer.getId());

        assertThat(nameIndex.rebuild()).isGreaterThanOrEqualTo(1);

        assertThat(customers.findById(customer.getId()).orElseThrow().getAnalysedName())
                .isEqualTo(CompanyNames.analyze(customer.getCompanyName()));
    }
}
