package io.baobei.dedup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules as a bean, with the trade-name statistics of the customer data injected. */
@Configuration
class DedupConfiguration {

    @Bean
    MatchRules matchRules(DedupProperties properties, TradeNameStatistics statistics) {
        return new MatchRules(properties.similarThreshold(), properties.distinctiveMaxCustomers(), statistics);
    }
}
