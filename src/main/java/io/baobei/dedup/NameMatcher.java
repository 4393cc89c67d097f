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
    private final int distinctiveMaxCustomers;

    NameMatcher(double similarThreshold, int distinctiveMaxCustomers) {
        this.similarThreshold = similarThreshold;
        this.distinctiveMaxCustomers = distinctiveMaxCustomers;
    }

    /**
     * @param sharedStrongKey whether the two companies share a credit code, phone or email: then a merely similar
     *                        name is worth showing too (the reviewer sees why the phone matched)
     */
    NameMatch compare(CompanyName a, CompanyName b, TradeNameStatistics statistics, boolean sharedStrongKey) {
        if (a.full().equals(b.full())) {
            return new NameMatch(EnumSet.of(MatchReason.NAME_EXACT), 1.0);
        }
        Regions regions = Regions.get();
        boolean regionsAgree = regions.compatible(a.region(), b.region());
        if (a.core().equals(b.core())) {
            if (a.branch() != b.branch()) {
                return new NameMatch(EnumSet.of(MatchReason.BRANCH), 0.85);
            }
            if (a.group() != b.group() && (regionsAgree || distinctive(a.trade(), statistics))) {
                // a group and its (listed) company: related, but not the same legal entity
                return new NameMatch(EnumSet.of(MatchReason.NAME_SIMILAR), 0.75);
            }
            if (a.group() == b.group() && regionsAgree) {
                return new NameMatch(EnumSet.of(MatchReason.NAME_CORE), 0.95);
            }
            // same name in another city: a different legal entity, most likely; worth a look only for a brand
            // few customers share (a 华兴科技 in every city is no news to the reviewer)
            return distinctive(a.trade(), statistics) || sharedStrongKey
                    ? new NameMatch(EnumSet.of(MatchReason.NAME_SIMILAR), 0.7) : NONE;
        }
        if (a.trade().equals(b.trade()) && a.trade().codePointCount(0, a.trade().length()) >= 2) {
            // the same brand with other industry words or another group role (万科企业 / 万科物业, 美的集团 /
            // 美的置业, 复星控股 / 复星医药): a reviewer must look, if the brand is distinctive or the city the same
            boolean sameCity = a.region() != null && a.region().equals(b.region());
            if (distinctive(a.trade(), statistics) || sameCity || sharedStrongKey) {
                return withBranch(a, b, EnumSet.of(MatchReason.NAME_SIMILAR), regionsAgree ? 0.7 : 0.6);
            }
            return NONE;
        }
        if (a.trade().codePointCount(0, a.trade().length()) < 2 || b.trade().codePointCount(0, b.trade().length()) < 2) {
            return NONE;
        }
        double similarity = similarity(a.trade(), b.trade());
        // a typo: one character of the trade name, the rest of the name the same (industry words, and the region:
        // both stated and not contradicting, or both without — a name without region would otherwise be one
        // typo away from every city's neighbours). Common two-character trade names have many one-character
        // neighbours, so a short trade name's typo must be a character people confuse (同音 or 形近); from four
        // characters on any one.
        boolean sameRegion = a.region() == null ? b.region() == null : b.region() != null && regionsAgree;
        boolean typo = sameRegion && (a.industry().equals(b.industry()) && oneTypo(a.trade(), b.trade(), true)
                || oneTypo(a.core(), b.core(), false));
        if (typo || (sharedStrongKey && similarity >= similarThreshold)) {
            double score = 0.8 * similarity * (regionsAgree ? 1.0 : 0.85);
            return withBranch(a, b, EnumSet.of(MatchReason.NAME_SIMILAR), Math.round(score * 100) / 100.0);
        }
        return NONE;
    }

    /** Whether few enough customers share the trade name for it to identify a brand. */
    boolean distinctive(String trade, TradeNameStatistics statistics) {
        return statistics.customersWithTrade(trade) <= distinctiveMaxCustomers;
    }

    private static NameMatch withBranch(CompanyName a, CompanyName b, Set<MatchReason> reasons, double score) {
        if (a.branch() != b.branch()) {
            reasons.add(MatchReason.BRANCH);
        }
        return new NameMatch(reasons, score);
    }

    /**
     * Names one typo apart: the same length with one character replaced by a confusable one; with {@code anyEdit}
     * (trade names), any replacement, insertion or deletion when the longer name has four characters or more.
     */
    static boolean oneTypo(String a, String b, boolean anyEdit) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int longer = Math.max(x.length, y.length);
        if (x.length == y.length) {
            int differing = -1;
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) {
                    if (differing >= 0) {
                        return false;
                    }
                    differing = i;
                }
            }
            return differing >= 0 && (anyEdit && longer >= 4 || Confusables.confusable(x[differing], y[differing]));
        }
        if (!anyEdit || Math.abs(x.length - y.length) != 1 || longer < 4) {
            return false;
        }
        int[] shorter = x.length < y.length ? x : y;
        int[] longerName = x.length < y.length ? y : x;
        int skipped = 0;
        for (int i = 0, j = 0; i < shorter.length; j++) {
            if (shorter[i] == longerName[j]) {
                i++;
            } else if (++skipped > 1) {
                return false;
            }
        }
        return true;
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
