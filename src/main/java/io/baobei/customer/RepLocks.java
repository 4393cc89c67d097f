package io.baobei.customer;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

/**
 * One lock row per rep (table sales_rep_lock), locked by every change that counts against the rep's quota or daily
 * claim limit: ten concurrent claims of one rep are counted one after the other, never all against the same count.
 * Locks are always taken after the customer rows they concern, so two changes cannot wait for each other.
 */
@Component
class RepLocks {

    private final EntityManager entityManager;
    private final String ensureRow;

    RepLocks(EntityManager entityManager, DataSource dataSource) throws SQLException {
        this.entityManager = entityManager;
        try (Connection connection = dataSource.getConnection()) {
            // an insert that never fails on a concurrent one: a failed insert would abort a PostgreSQL transaction
            this.ensureRow = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? "insert into sales_rep_lock (username) values (?1) on conflict do nothing"
                    : "merge into sales_rep_lock (username) key (username) values (?1)";
        }
    }

    /** Locks {@code username}'s row until the transaction ends. */
    void lock(String username) {
        entityManager.createNativeQuery(ensureRow).setParameter(1, username).executeUpdate();
        entityManager.createNativeQuery("select username from sales_rep_lock where username = ?1 for update")
                .setParameter(1, username).getResultList();
    }
}
