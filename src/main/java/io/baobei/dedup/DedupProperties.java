package io.baobei.dedup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the duplicate check ({@code baobei.dedup.*}).
 *
 * @param similarThreshold trade-name similarity (1 − edit distance / length) from which a name is SUSPECT
 * @param maxCandidates    how many customers one check reads from the blocking index at most
 */
@ConfigurationProperties(prefix = "baobei.dedup")
public record DedupProperties(Double similarThreshold, Integer maxCandidates) {

    public DedupProperties {
        similarThreshold = similarThreshold == null ? 0.5 : similarThreshold;
        maxCandidates = maxCandidates == null ? 200 : maxCandidates;
    }
}
