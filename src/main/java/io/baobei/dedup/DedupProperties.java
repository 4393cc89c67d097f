package io.baobei.dedup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the duplicate check ({@code baobei.dedup.*}).
 *
 * @param similarThreshold trade-name similarity (1 − edit distance / length) from which a name is SUSPECT
 * @param maxCandidates    how many customers one check reads from the blocking index at most
 * @param rateLimit        how many checks one user may run through {@code POST /api/duplicates/check}
 * @param maxRowsPerKey    how many customers one check reads under one blocking key at most (the rarest keys
 *                         weigh most, so a common key cannot push the real match out of the candidates)
 * @param distinctiveMaxCustomers how many customers may share a trade name for it to still count as a
 *                         distinctive brand (the same brand in another industry or city is then SUSPECT)
 */
@ConfigurationProperties(prefix = "baobei.dedup")
public record DedupProperties(Double similarThreshold, Integer maxCandidates, RateLimit rateLimit,
                              Integer maxRowsPerKey, Integer distinctiveMaxCustomers) {

    public static final int DEFAULT_DISTINCTIVE_MAX_CUSTOMERS = 20;

    public DedupProperties {
        similarThreshold = similarThreshold == null ? 0.5 : similarThreshold;
        maxCandidates = maxCandidates == null ? 200 : maxCandidates;
        rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
        maxRowsPerKey = maxRowsPerKey == null ? 1000 : maxRowsPerKey;
        distinctiveMaxCustomers = distinctiveMaxCustomers == null ? DEFAULT_DISTINCTIVE_MAX_CUSTOMERS
                : distinctiveMaxCustomers;
        // the check counts a trade name's customers among the rows it reads under its key
        if (distinctiveMaxCustomers < 0 || maxRowsPerKey <= distinctiveMaxCustomers) {
            throw new IllegalArgumentException("baobei.dedup.distinctive-max-customers must be 0 or more, and "
                    + "baobei.dedup.max-rows-per-key larger than it");
        }
    }

    /** The defaults (tests and tools). */
    public static DedupProperties defaults() {
        return new DedupProperties(null, null, null, null, null);
    }

    /**
     * Checks per user through the API ({@code baobei.dedup.rate-limit.*}); 0 switches that limit off.
     *
     * @param perMinute checks in a minute (one-minute windows, the first starting with the user's first check)
     * @param perDay    checks in one calendar day ({@code baobei.time-zone})
     */
    public record RateLimit(Integer perMinute, Integer perDay) {

        public RateLimit {
            perMinute = perMinute == null ? 60 : perMinute;
            perDay = perDay == null ? 1000 : perDay;
            if (perMinute < 0 || perDay < 0) {
                throw new IllegalArgumentException("baobei.dedup.rate-limit.* must be 0 (off) or more");
            }
        }
    }
}
