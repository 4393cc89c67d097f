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

    public MatchRules(double similarThreshold) {
        this.names = new NameMatcher(similarThreshold);
    }

    public Evaluation evaluate(Profile candidate, Profile existing) {
        NameMatcher.NameMatch nameMatch = names.compare(candidate.name(), existing.name());
        Set<MatchReason> reasons = EnumSet.noneOf(MatchReason.class);
        reasons.addAll(nameMatch.reasons());
        double score = nameMatch.score();
        if (same(candidate.creditCode(), existing.creditCode())) {
            reasons.add(MatchReason.CREDIT_CODE);
            score = 1.0;
        }
        if (same(candidate.phone(), existing.phone())) {
            reasons.add(MatchReason.PHONE);
            score = Math.max(score, 0.9);
        }
        if (same(candidate.email(), existing.email())) {
            reasons.add(MatchReason.EMAIL);
            score = Math.max(score, 0.9);
        }
        return new Evaluation(reasons, score);
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }
}
