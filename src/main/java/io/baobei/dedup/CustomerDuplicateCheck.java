package io.baobei.dedup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.privacy.ContactCrypto;

/**
 * 查重 against every customer: strong keys (credit code, phone, email, full name) through their indexes,
 * similar names through the blocking index {@code customer_name_key}, so one check reads a few hundred
 * customers at most, never all of them.
 */
@Service
public class CustomerDuplicateCheck implements DuplicateCheck {

    private final CustomerRepository customers;
    private final EntityManager entityManager;
    private final MatchRules rules;
    private final int maxCandidates;
    private final int maxRowsPerKey;
    private final DistinctPairs distinctPairs;

    public CustomerDuplicateCheck(CustomerRepository customers, EntityManager entityManager,
                                  DedupProperties properties, MatchRules rules, DistinctPairs distinctPairs) {
        this.distinctPairs = distinctPairs;
        this.customers = customers;
        this.entityManager = entityManager;
        this.rules = rules;
        this.maxCandidates = properties.maxCandidates();
        this.maxRowsPerKey = properties.maxRowsPerKey();
    }

    @Override
    @Transactional(readOnly = true)
    public DuplicateCheckResult check(DuplicateCandidate candidate) {
        MatchRules.Profile profile = MatchRules.Profile.of(candidate.companyName(), candidate.creditCode(),
                candidate.phone(), candidate.email());
        Set<Long> ids = new LinkedHashSet<>(strongKeyIds(profile));
        NameCandidates byName = nameCandidates(profile.name());
        ids.addAll(byName.ids());
        TradeNameStatistics statistics = byName.statistics(rules.statistics());
        // an appeal decided these are other companies (申诉：不是同一家公司): never flagged again
        ids.removeAll(distinctPairs.customersDistinctFrom(candidate.companyName()));

        // stored customers carry blind indexes of phone and email, so the candidate's are compared as such
        MatchRules.Profile hashed = profile.blindIndexed(ContactCrypto.get()::blindIndex);
        List<DuplicateMatch> matches = new ArrayList<>();
        boolean conflict = false;
        for (StoredCustomer customer : load(ids)) {
            MatchRules.Evaluation evaluation = rules.evaluate(hashed, customer.profile(), statistics);
            if (!evaluation.isMatch()) {
                continue;
            }
            conflict |= evaluation.isStrong()
                    && Customer.isOwnedByOtherThan(customer.owner(), customer.status(), candidate.requestedBy());
            matches.add(new DuplicateMatch(customer.id(), statusFor(customer.status(), customer.owner(),
                    candidate.requestedBy()), evaluation.score(), evaluation.reasons()));
        }
        matches.sort(Comparator.comparingDouble(DuplicateMatch::score).reversed()
                .thenComparingLong(DuplicateMatch::customerId));
        Verdict verdict = conflict ? Verdict.CONFLICT : matches.isEmpty() ? Verdict.CLEAR : Verdict.SUSPECT;
        return new DuplicateCheckResult(verdict, matches);
    }

    /**
     * An existing customer as the check reads it: the columns the rules and the verdict need, no entity
     * (no contact data decrypted, nothing managed by the persistence context).
     */
    public record StoredCustomer(long id, CustomerStatus status, String owner, MatchRules.Profile profile) {
    }

    /** Step 1: customers sharing a strong key (public, like the next steps, for the benchmark's replay). */
    public List<Long> strongKeyIds(MatchRules.Profile profile) {
        return customers.findIdsByStrongKeys(profile.name().full(), profile.creditCode(), profile.phone(),
                profile.email());
    }

    /**
     * What the name query found: the candidates, and how many customers hold the candidate's own trade name (the
     * rows under its {@code t:} key, read anyway), so the rules need no look-up of their own.
     */
    public record NameCandidates(List<Long> ids, String trade, int customersWithTrade) {

        /** The statistics for this check: the count read with the candidates, others from {@code fallback}. */
        TradeNameStatistics statistics(TradeNameStatistics fallback) {
            return t -> t.equals(trade) ? customersWithTrade : fallback.customersWithTrade(t);
        }
    }

    /** Step 2: customers sharing a blocking key with the name, those sharing the most and rarest keys first. */
    public List<Long> candidatesByName(CompanyName name) {
        return nameCandidates(name).ids();
    }

    /**
     * Reads at most {@code max-rows-per-key} customers under each key (one index range scan each, lowest ids first),
     * then ranks them: each shared key adds its kind's weight (core 8, trade 4, deletion 3, pinyin and shape 2)
     * divided by the logarithm of how many customers the key has, so a rare shared key outweighs a common one, and
     * a key that half the city shares cannot push the one real typo out of the {@code max-candidates} read.
     */
    @SuppressWarnings("unchecked")
    public NameCandidates nameCandidates(CompanyName name) {
        List<String> keys = List.copyOf(name.blockingKeys());
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : " union all ").append("(select ").append(i)
                    .append(" as k, customer_id from customer_name_key where name_key = :k").append(i)
                    .append(" order by customer_id fetch first ").append(maxRowsPerKey).append(" rows only)");
        }
        var query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < keys.size(); i++) {
            query.setParameter("k" + i, keys.get(i));
        }
        List<Object[]> rows = query.getResultList();
        int[] postings = new int[keys.size()];
        for (Object[] row : rows) {
            postings[((Number) row[0]).intValue()]++;
        }
        double[] weights = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            weights[i] = kindWeight(keys.get(i)) / Math.log(2 + postings[i]);
        }
        Map<Long, Double> scores = new HashMap<>();
        for (Object[] row : rows) {
            scores.merge(((Number) row[1]).longValue(), weights[((Number) row[0]).intValue()], Double::sum);
        }
        List<Long> ids = scores.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxCandidates).map(Map.Entry::getKey).toList();
        String tradeKey = CompanyName.tradeKey(name.trade());
        return new NameCandidates(ids, name.trade(), postings[keys.indexOf(tradeKey)]);
    }

    private static double kindWeight(String key) {
        return switch (key.charAt(0)) {
            case 'c' -> 8;
            case 't' -> 4;
            case 'd' -> 3;
            default -> 2;
        };
    }

    /**
     * Step 3: the customers' rows with their stored analysed names. A row without a current analysis (written
     * before V7 or by another analyser version, until the start-up backfill reached it) is analysed here.
     */
    @SuppressWarnings("unchecked")
    public List<StoredCustomer> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, company_name, normalized_name, name_core, name_trade, name_region, name_branch,
                               name_group, name_version, credit_code, phone_hash, email_hash, status, owner
                        from customer where id in (:ids)
                        """)
                .setParameter("ids", ids)
                .getResultList();
        List<StoredCustomer> loaded = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Number version = (Number) row[8];
            CompanyName name = version != null && version.intValue() == CompanyNames.ANALYSIS_VERSION
                    ? new CompanyName((String) row[2], (String) row[3], (String) row[4], (String) row[5],
                    Boolean.TRUE.equals(row[6]), Boolean.TRUE.equals(row[7]))
                    : CompanyNames.analyze((String) row[1]);
            loaded.add(new StoredCustomer(((Number) row[0]).longValue(), CustomerStatus.valueOf((String) row[12]),
                    (String) row[13], MatchRules.Profile.stored(name, (String) row[9], (String) row[10],
                    (String) row[11])));
        }
        return loaded;
    }

    /** Step 4 as the check runs it, with the statistics read in step 2. */
    public MatchRules.Evaluation evaluate(MatchRules.Profile hashed, StoredCustomer customer, NameCandidates byName) {
        return rules.evaluate(hashed, customer.profile(), byName.statistics(rules.statistics()));
    }

    static MatchStatus statusFor(CustomerStatus status, String owner, String requestedBy) {
        return MatchStatus.of(status, owner, requestedBy);
    }
}
