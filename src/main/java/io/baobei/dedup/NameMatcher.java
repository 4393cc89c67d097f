package io.baobei.dedup;

import java.util.EnumSet;
import java.util.Set;

/**
 * Compares two analysed company names. Strong name evidence (NAME_EXACT; NAME_CORE with regions that
 * do not contradict) can make a CONFLICT; everything else here only makes a SUSPECT.
 */
final class NameMatcher {

    record NameMatch(Set<MatchReason> reasons, double score) {
    }

    private static final NameMatch NONE = new NameMatch(Set.of(), 0);

    private final double similarThreshold;

    NameMatcher(double similarThreshold) {
        this.similarThreshold = similarThreshold;
    }

    NameMatch compare(CompanyName a, CompanyName b) {
        if (a.full().equals(b.full())) {
            return new NameMatch(EnumSet.of(MatchReason.NAME_EXACT), 1.0);
        }
        boolean regionsAgree = Regions.get().compatible(a.region(), b.region());
        if (a.core().equals(b.core())) {
            if (a.branch() != b.branch()) {
                return new NameMatch(EnumSet.of(MatchReason.BRANCH), 0.85);
            }
            if (a.group() != b.group()) {
                // a group and its (listed) company: related, but not the same legal entity
                return new NameMatch(EnumSet.of(MatchReason.NAME_SIMILAR), 0.75);
            }
            if (regionsAgree) {
                return new NameMatch(EnumSet.of(MatchReason.NAME_CORE), 0.95);
            }
            // same trade name in another city: a different legal entity, most likely
            return new NameMatch(EnumSet.of(MatchReason.NAME_SIMILAR), 0.7);
        }
        double similarity = similarity(a.trade(), b.trade());
        if (a.trade().length() < 2 || b.trade().length() < 2 || similarity < similarThreshold) {
            return NONE;
        }
        Set<MatchReason> reasons = EnumSet.of(MatchReason.NAME_SIMILAR);
        if (a.branch() != b.branch()) {
            reasons.add(MatchReason.BRANCH);
        }
        double score = 0.8 * similarity * (regionsAgree ? 1.0 : 0.85);
        return new NameMatch(reasons, Math.round(score * 100) / 100.0);
    }

    /** 1 − edit distance / longer length, over characters (code points). */
    static double similarity(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int longer = Math.max(x.length, y.length);
        if (longer == 0) {
            return 0;
        }
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 1.0 - (double) previous[y.length] / longer;
    }
}
