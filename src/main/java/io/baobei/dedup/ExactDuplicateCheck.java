package io.baobei.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;

/**
 * The foundation's duplicate check: exact matches on the normalised name, the credit code, the phone
 * and the email. The fuzzy matcher replaces this class behind {@link DuplicateCheck}.
 */
@Service
public class ExactDuplicateCheck implements DuplicateCheck {

    private final CustomerRepository customers;

    public ExactDuplicateCheck(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    @Transactional(readOnly = true)
    public DuplicateCheckResult check(DuplicateCandidate candidate) {
        String name = CompanyNames.normalize(candidate.companyName());
        String creditCode = CreditCodes.normalize(candidate.creditCode());
        String phone = PhoneNumbers.normalize(candidate.phone());
        String email = candidate.email() == null || candidate.email().isBlank() ? null
                : candidate.email().strip().toLowerCase(Locale.ROOT);

        List<DuplicateMatch> matches = new ArrayList<>();
        boolean heldByOther = false;
        for (Customer customer : customers.findByStrongKeys(name, creditCode, phone, email)) {
            Set<MatchReason> reasons = EnumSet.noneOf(MatchReason.class);
            if (customer.getNormalizedName().equals(name)) {
                reasons.add(MatchReason.NAME_EXACT);
            }
            if (creditCode != null && creditCode.equals(customer.getCreditCode())) {
                reasons.add(MatchReason.CREDIT_CODE);
            }
            if (phone != null && phone.equals(customer.getPhone())) {
                reasons.add(MatchReason.PHONE);
            }
            if (email != null && email.equals(customer.getEmail())) {
                reasons.add(MatchReason.EMAIL);
            }
            heldByOther |= customer.isOwnedByOtherThan(candidate.requestedBy());
            matches.add(new DuplicateMatch(customer.getId(), statusFor(customer, candidate.requestedBy()),
                    score(reasons), reasons));
        }
        matches.sort(Comparator.comparingDouble(DuplicateMatch::score).reversed()
                .thenComparingLong(DuplicateMatch::customerId));
        Verdict verdict = heldByOther ? Verdict.CONFLICT : matches.isEmpty() ? Verdict.CLEAR : Verdict.SUSPECT;
        return new DuplicateCheckResult(verdict, matches);
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

    /**
     * Verdict rule: CONFLICT when a strong key hits a customer someone else holds (protected, or won by a
     * colleague); SUSPECT when it hits the rep's own or a pool customer, for the manager to look at.
     * Every exact key is strong evidence; a phone or email alone scores slightly below name or code.
     */
    private static double score(Set<MatchReason> reasons) {
        if (reasons.contains(MatchReason.CREDIT_CODE) || reasons.contains(MatchReason.NAME_EXACT)) {
            return 1.0;
        }
        return 0.9;
    }
}
