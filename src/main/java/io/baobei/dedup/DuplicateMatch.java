package io.baobei.dedup;

import java.util.Set;

/** One existing customer that matched, with the rules that fired and a score in [0, 1]. */
public record DuplicateMatch(long customerId, MatchStatus status, double score, Set<MatchReason> reasons) {

    public DuplicateMatch {
        reasons = Set.copyOf(reasons);
    }
}
