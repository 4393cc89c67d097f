package io.baobei.dedup;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

/**
 * Trade-name statistics read from the blocking index itself: the customers under the key {@code t:<trade>}.
 * JPA writes a customer's keys in the same transaction as the customer, so the count is current after every
 * insert, rename or merge without a table of counters to keep (and no counter row that every registration of a
 * common name would lock). The count stops one above the distinctiveness limit: an index range scan of at most
 * a few dozen entries, whatever the size of the table.
 */
@Component
class KeyTableTradeNameStatistics implements TradeNameStatistics {

    private final EntityManager entityManager;
    private final int limit;

    KeyTableTradeNameStatistics(EntityManager entityManager, DedupProperties properties) {
        this.entityManager = entityManager;
        this.limit = properties.distinctiveMaxCustomers() + 1;
    }

    @Override
    public int customersWithTrade(String trade) {
        Number count = (Number) entityManager.createNativeQuery("""
                        select count(*) from (select k.customer_id from customer_name_key k where k.name_key = :key
                        order by k.customer_id fetch first %d rows only) x
                        """.formatted(limit))
                .setParameter("key", CompanyName.tradeKey(trade))
                .getSingleResult();
        return count.intValue();
    }
}
