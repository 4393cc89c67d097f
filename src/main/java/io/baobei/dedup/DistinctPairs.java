package io.baobei.dedup;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pairs the duplicate check never flags again: an appeal decided that a registered company and an existing
 * customer are different companies (申诉结论“不是同一家公司”). Keyed by the company name as {@link CompanyNames#normalize}
 * gives it, so a later registration spelled with other spaces, brackets or traditional characters is the same company
 * and stays apart from that customer too. The pair does not hide the customer from other names.
 */
@Service
@Transactional
public class DistinctPairs {

    private final DistinctPairRepository pairs;
    private final Clock clock;

    DistinctPairs(DistinctPairRepository pairs, Clock clock) {
        this.pairs = pairs;
        this.clock = clock;
    }

    /** Remembers that {@code companyName} is not customer {@code customerId}; remembering it twice changes nothing. */
    public void remember(String companyName, Long customerId, Long appealId) {
        String key = CompanyNames.normalize(companyName);
        if (!pairs.existsByNormalizedNameAndCustomerId(key, customerId)) {
            pairs.save(new DistinctPair(key, customerId, appealId, Instant.now(clock)));
        }
    }

    /** The customers an appeal found different from {@code companyName}: the duplicate check leaves them out. */
    @Transactional(readOnly = true)
    public Set<Long> customersDistinctFrom(String companyName) {
        if (companyName == null || companyName.isBlank()) {
            return Set.of();
        }
        return pairs.findByNormalizedName(CompanyNames.normalize(companyName)).stream()
                .map(DistinctPair::getCustomerId).collect(Collectors.toSet());
    }
}
