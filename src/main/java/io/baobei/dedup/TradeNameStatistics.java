package io.baobei.dedup;

/**
 * How many customers share a trade name: what makes a brand distinctive is learnt from the data, not from a
 * hand list. 万科 held by three customers is a brand; 华兴 held by four hundred is a common word, and two
 * companies called 华兴 in different cities or industries are most likely unrelated.
 */
@FunctionalInterface
public interface TradeNameStatistics {

    /** Without corpus statistics every trade name counts as distinctive (the cautious side: SUSPECT). */
    TradeNameStatistics NONE = trade -> 0;

    /**
     * The number of customers whose trade name is {@code trade}; implementations may stop counting above
     * what matters to the rules (see {@link NameMatcher#distinctive}).
     */
    int customersWithTrade(String trade);
}
