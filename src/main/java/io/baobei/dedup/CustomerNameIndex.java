package io.baobei.dedup;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;

/**
 * The blocking index of the duplicate check ({@code customer_name_key}) and the analysed names stored with
 * the customers ({@code customer.name_core} …). JPA keeps both current with every customer write; this
 * rebuilds them, in batches of its own transactions, after the matching rules changed (an upgrade) or for
 * customers written around the application (SQL loads). At start-up it indexes customers that have no keys
 * or no analysis of the current {@link CompanyNames#ANALYSIS_VERSION}.
 */
@Service
public class CustomerNameIndex {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerNameIndex.class);
    private static final int BATCH = 500;

    private final CustomerRepository customers;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;

    public CustomerNameIndex(CustomerRepository customers, EntityManager entityManager,
                             PlatformTransactionManager transactionManager) {
        this.customers = customers;
        this.entityManager = entityManager;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Recomputes the analysed name and the keys of every customer; returns how many customers were read. */
    public long rebuild() {
        long done = 0;
        for (int page = 0; ; page++) {
            int current = page;
            Integer read = transactions.execute(s -> {
                List<Customer> batch = customers.findAll(PageRequest.of(current, BATCH, Sort.by("id"))).getContent();
                batch.forEach(Customer::reindexName);
                return batch.size();
            });
            done += read;
            if (read < BATCH) {
                return done;
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        indexCustomersWithoutKeys();
    }

    /**
     * Customers without keys (written around the application) or without a current analysis (written before
     * V7, or analysed by another version of CompanyNames) are analysed and indexed; returns how many. Merged
     * customers have no keys on purpose (Customer#reindexName).
     */
    public int indexCustomersWithoutKeys() {
        @SuppressWarnings("unchecked")
        List<Number> missing = transactions.execute(s -> entityManager.createNativeQuery("""
                select c.id from customer c
                where c.name_version is null or c.name_version <> :version
                   or c.status <> 'MERGED' and not exists (select 1 from customer_name_key k where k.customer_id = c.id)
                order by c.id
                """).setParameter("version", CompanyNames.ANALYSIS_VERSION).getResultList());
        if (missing.isEmpty()) {
            return 0;
        }
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<Long> ids = missing.subList(from, Math.min(missing.size(), from + BATCH)).stream()
                    .map(Number::longValue).toList();
            transactions.executeWithoutResult(s -> customers.findAllById(ids).forEach(Customer::reindexName));
        }
        LOG.info("Analysed and indexed the names of {} customers for the duplicate check", missing.size());
        return missing.size();
    }
}
