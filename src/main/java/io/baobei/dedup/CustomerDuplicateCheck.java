package io.baobei.dedup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final DistinctPairs distinctPairs;

    public CustomerDuplicateCheck(CustomerRepository customers, EntityManager entityManager,
                                  DedupProperties properties, DistinctPairs distinctPairs) {
        this.distinctPairs = distinctPairs;
        this.customers = customers;
        this.entityManager = entityManager;
        this.rules = new MatchRules(properties.similarThreshold());
        this.maxCandidates = properties.maxCandidates();
    }

    @Override
    @Transactional(readOnly = true)
    public DuplicateCheckResult check(DuplicateCandidate candidate) {
        MatchRules.Profile profile = MatchRules.Profile.of(candidate.companyName(), candidate.creditCode(),
                candidate.phone(), candidate.email());
        Set<Long> ids = new LinkedHashSet<>(strongKeyIds(profile));
        ids.addAll(candidatesByName(profile.name()));
        // an appeal decided these are other companies (申诉：不是同一家公司): never flagged again
        ids.removeAll(distinctPairs.customersDistinctFrom(candidate.companyName()));

        // stored customers carry blind indexes of phone and email, so the candidate's are compared as such
        MatchRules.Profile hashed = profile.blindIndexed(ContactCrypto.get()::blindIndex);
        List<DuplicateMatch> matches = new ArrayList<>();
        boolean conflict = false;
        for (StoredCustomer customer : load(ids)) {
            MatchRules.Evaluation evaluation = rules.evaluate(hashed, customer.profile());
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

    /** Step 2: customers sharing a blocking key with the name, those sharing most keys first. */
    @SuppressWarnings("unchecked")
    public List<Long> candidatesByName(CompanyName name) {
        List<Number> rows = entityManager.createNativeQuery("""
                        select k.customer_id from customer_name_key k
                        where k.name_key in (:keys)
                        group by k.customer_id
                        order by count(*) desc, k.customer_id
                        """)
                .setParameter("keys", name.blockingKeys())
                .setMaxResults(maxCandidates)
                .getResultList();
        return rows.stream().map(Number::longValue).toList();
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

    /** Step 4, the rules, for the benchmark's replay: {@code hashed} is the candidate, blind-indexed. */
    public MatchRules.Evaluation evaluate(MatchRules.Profile hashed, StoredCustomer customer) {
        return rules.evaluate(hashed, customer.profile());
    }

    static MatchStatus statusFor(CustomerStatus status, String owner, String requestedBy) {
        return MatchStatus.of(status, owner, requestedBy);
    }
}
