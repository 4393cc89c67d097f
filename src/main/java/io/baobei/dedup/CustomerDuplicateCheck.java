package io.baobei.dedup;

import java.util.ArrayList;
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

    public CustomerDuplicateCheck(CustomerRepository customers, EntityManager entityManager,
                                  DedupProperties properties) {
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
        Set<Long> ids = new LinkedHashSet<>();
        customers.findByStrongKeys(profile.name().full(), profile.creditCode(), profile.phone(), profile.email())
                .forEach(c -> ids.add(c.getId()));
        ids.addAll(candidatesByName(profile.name()));

        List<DuplicateMatch> matches = new ArrayList<>();
        boolean conflict = false;
        for (Customer customer : customers.findAllById(ids)) {
            MatchRules.Evaluation evaluation = rules.evaluate(profile, MatchRules.Profile.of(customer.getCompanyName(),
                    customer.getCreditCode(), customer.getPhone(), customer.getEmail()));
            if (!evaluation.isMatch()) {
                continue;
            }
            conflict |= evaluation.isStrong() && customer.isOwnedByOtherThan(candidate.requestedBy());
            matches.add(new DuplicateMatch(customer.getId(), statusFor(customer, candidate.requestedBy()),
                    evaluation.score(), evaluation.reasons()));
        }
        matches.sort(Comparator.comparingDouble(DuplicateMatch::score).reversed()
                .thenComparingLong(DuplicateMatch::customerId));
        Verdict verdict = conflict ? Verdict.CONFLICT : matches.isEmpty() ? Verdict.CLEAR : Verdict.SUSPECT;
        return new DuplicateCheckResult(verdict, matches);
    }

    /** Customers sharing a blocking key with the name, those sharing most keys first. */
    @SuppressWarnings("unchecked")
    private List<Long> candidatesByName(CompanyName name) {
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

    static MatchStatus statusFor(Customer customer, String requestedBy) {
        if (customer.getStatus() == CustomerStatus.POOL) {
            return MatchStatus.IN_POOL;
        }
        if (customer.getStatus() == CustomerStatus.CONVERTED) {
            return MatchStatus.CONVERTED;
        }
        return customer.getOwner() != null && customer.getOwner().equals(requestedBy)
                ? MatchStatus.OWNED_BY_YOU : MatchStatus.OWNED_BY_OTHER;
    }
}
