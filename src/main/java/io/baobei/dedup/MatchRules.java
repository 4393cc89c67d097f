package io.baobei.dedup;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rules that decide whether an existing customer matches a candidate, and how strongly: the one
 * place the duplicate check, the grant's re-check and the labelled-set test share.
 */
public final class MatchRules {

    /** Reasons strong enough for a CONFLICT when someone else holds the customer. */
    public static final Set<MatchReason> STRONG = Collections.unmodifiableSet(EnumSet.of(MatchReason.CREDIT_CODE,
            MatchReason.PHONE, MatchReason.EMAIL, MatchReason.NAME_EXACT, MatchReason.NAME_CORE));

    /** A company as the rules see it: analysed name and normalised strong keys (any may be null). */
    public record Profile(CompanyName name, String creditCode, String phone, String email) {

        public static Profile of(String companyName, String creditCode, String phone, String email) {
            return new Profile(CompanyNames.analyze(companyName), CreditCodes.normalize(creditCode),
                    PhoneNumbers.normalize(phone), email == null || email.isBlank() ? null
                    : email.strip().toLowerCase(java.util.Locale.ROOT));
        }

        /**
         * An existing customer as stored: its name as analysed when it was written (no analysis here), phone
         * and email as their blind indexes, so nothing is decrypted. Compare it with {@link #blindIndexed}.
         */
        public static Profile stored(CompanyName name, String creditCode, String phoneHash, String emailHash) {
            return new Profile(name, CreditCodes.normalize(creditCode), phoneHash, emailHash);
        }

        /** This profile with phone and email replaced by their blind indexes, to compare with stored profiles. */
        public Profile blindIndexed(UnaryOperator<String> blindIndex) {
            return new Profile(name, creditCode, blindIndex.apply(phone), blindIndex.apply(email));
        }

        /** Whether the blocking index or a strong-key index would bring {@code other} to a check of this. */
        public boolean wouldFind(Profile other) {
            return name.full().equals(other.name.full()) || same(creditCode, other.creditCode)
                    || same(phone, other.phone) || same(email, other.email)
                    || !Collections.disjoint(name.blockingKeys(), other.name.blockingKeys());
        }
    }

    /** The outcome for one existing customer: no reasons means no match. */
    public record Evaluation(Set<MatchReason> reasons, double score) {

        public boolean isMatch() {
            return !reasons.isEmpty();
        }

        public boolean isStrong() {
            return reasons.stream().anyMatch(STRONG::contains);
        }
    }

    private final NameMatcher names;
    private final TradeNameStatistics statistics;

    /** Rules without corpus statistics: every trade name counts as distinctive (for tests and tools). */
    public MatchRules(double similarThreshold) {
        this(similarThreshold, DedupProperties.DEFAULT_DISTINCTIVE_MAX_CUSTOMERS, TradeNameStatistics.NONE);
    }

    /**
     * @param distinctiveMaxCustomers how many customers may share a trade name for it to still count as a brand
     * @param statistics              how many customers share a trade name (the duplicate check's own data)
     */
    public MatchRules(double similarThreshold, int distinctiveMaxCustomers, TradeNameStatistics statistics) {
        this.names = new NameMatcher(similarThreshold, distinctiveMaxCustomers);
        this.statistics = statistics;
    }

    /** The pairwise verdict of two companies, with the corpus statistics this bean was made with. */
    public Evaluation evaluate(Profile candidate, Profile existing) {
        return evaluate(candidate, existing, statistics);
    }

    /**
     * As {@link #evaluate(Profile, Profile)}, with other statistics: the check passes the counts it looked up
     * once for its candidate, instead of one look-up per existing customer.
     */
    public Evaluation evaluate(Profile candidate, Profile existing, TradeNameStatistics statistics) {
        boolean sameCreditCode = same(candidate.creditCode(), existing.creditCode());
        boolean samePhone = same(candidate.phone(), existing.phone());
        boolean sameEmail = same(candidate.email(), existing.email());
        NameMatcher.NameMatch nameMatch = names.compare(candidate.name(), existing.name(), statistics,
                sameCreditCode || samePhone || sameEmail);
        Set<MatchReason> reasons = EnumSet.noneOf(MatchReason.class);
        reasons.addAll(nameMatch.reasons());
        double score = nameMatch.score();
        if (sameCreditCode) {
            reasons.add(MatchReason.CREDIT_CODE);
            score = 1.0;
        }
        if (samePhone) {
            reasons.add(MatchReason.PHONE);
            score = Math.max(score, 0.9);
        }
        if (sameEmail) {
            reasons.add(MatchReason.EMAIL);
            score = Math.max(score, 0.9);
        }
        return new Evaluation(reasons, score);
    }

    /** The statistics this bean was made with. */
    public TradeNameStatistics statistics() {
        return statistics;
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }
}
