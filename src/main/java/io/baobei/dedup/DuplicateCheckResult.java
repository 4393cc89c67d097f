package io.baobei.dedup;

import java.util.List;

/** The verdict and its evidence, best match first. */
public record DuplicateCheckResult(Verdict verdict, List<DuplicateMatch> matches) {

    public DuplicateCheckResult {
        matches = List.copyOf(matches);
    }
}
