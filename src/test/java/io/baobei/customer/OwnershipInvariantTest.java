package io.baobei.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "One owner, at most one running protection per customer" is a rule of the database, not only of
 * OwnershipService: a write that bypasses the service (a script, a migration, a bug) and would break it is
 * refused, on H2 and on PostgreSQL.
 */
@BaobeiSpringTest
class OwnershipInvariantTest {

    @Autowired OwnershipService ownership;
    @Autowired CustomerRepository customers;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;

    @Test
    void aSecondRunningProtectionOfACustomerIsRefusedByTheDatabase() {
        Customer held = ownership.importCustomer(customer("深圳市不变量保护"),
                new OwnershipService.ImportedOwner(TestIdentities.REP_A1, TestIdentities.TEAM_A), "测试数据", "test");
        assertThat(activePeriods(held.getId())).isEqualTo(1);

        assertThatThrownBy(() -> insertPeriod(held.getId(), TestIdentities.REP_A2, "second-" + held.getId(), true))
                .isInstanceOf(DataIntegrityViolationException.class);
        // nor can an ended period be made running again next to the running one
        insertPeriod(held.getId(), TestIdentities.REP_A2, "ended-" + held.getId(), false);
        assertThatThrownBy(() -> jdbc.update("update protection_period set ended_at = null, end_reason = null, "
                + "active_customer_id = customer_id where process_instance_id = ?", "ended-" + held.getId()))
                .isInstanceOf(DataIntegrityViolationException.class);
        // a running period must name its own customer, and a running one has no end
        assertThatThrownBy(() -> jdbc.update("update protection_period set active_customer_id = null "
                + "where active_customer_id = ?", held.getId()))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(activePeriods(held.getId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select owner from protection_period where active_customer_id = ?",
                String.class, held.getId())).isEqualTo(TestIdentities.REP_A1);
    }

    @Test
    void endedPeriodsDoNotCountAsRunning() {
        // many ended periods of one customer are history, not a conflict: the index holds NULLs side by side
        Customer pooled = ownership.importCustomer(customer("深圳市不变量历史"), null, "测试数据", "test");
        insertPeriod(pooled.getId(), TestIdentities.REP_A1, "old1-" + pooled.getId(), false);
        insertPeriod(pooled.getId(), TestIdentities.REP_A2, "old2-" + pooled.getId(), false);
        assertThat(jdbc.queryForObject("select count(*) from protection_period where customer_id = ?", Long.class,
                pooled.getId())).isEqualTo(2);
        assertThat(activePeriods(pooled.getId())).isZero();
    }

    @Test
    void aPoolCustomerWithAnOwnerOrAHeldCustomerWithoutOneIsRefusedByTheDatabase() {
        Customer pooled = ownership.importCustomer(customer("深圳市不变量公海"), null, "测试数据", "test");
        Customer held = ownership.importCustomer(customer("深圳市不变量归属"),
                new OwnershipService.ImportedOwner(TestIdentities.REP_A1, TestIdentities.TEAM_A), "测试数据", "test");

        assertThatThrownBy(() -> jdbc.update("update customer set owner = ?, owner_team = ? where id = ?",
                TestIdentities.REP_A2, TestIdentities.TEAM_A, pooled.getId()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("ck_customer_one_owner"));
        assertThatThrownBy(() -> jdbc.update("update customer set owner = null, owner_team = null where id = ?",
                held.getId()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("ck_customer_one_owner"));
        assertThatThrownBy(() -> jdbc.update("update customer set status = 'POOL' where id = ?", held.getId()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("ck_customer_one_owner"));

        assertThat(customers.findById(pooled.getId()).orElseThrow().getOwner()).isNull();
        assertThat(customers.findById(held.getId()).orElseThrow().getOwner()).isEqualTo(TestIdentities.REP_A1);
    }

    private void insertPeriod(Long customerId, String owner, String processInstanceId, boolean running) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.update("insert into protection_period (customer_id, owner, source, process_instance_id, started_at, "
                        + "ended_at, end_reason, active_customer_id) values (?, ?, 'POOL_CLAIM', ?, ?, ?, ?, ?)",
                customerId, owner, processInstanceId, now, running ? null : now, running ? null : "RELEASED",
                running ? customerId : null);
    }

    private long activePeriods(Long customerId) {
        return jdbc.queryForObject("select count(*) from protection_period where active_customer_id = ?", Long.class,
                customerId);
    }

    private Customer customer(String prefix) {
        String name = Processes.uniqueName(prefix);
        Customer customer = new Customer(name, Grade.B, Instant.now(clock));
        customer.updateDetails(name, null, "王先生", Processes.uniqueMobile(), null, "IT", "广东省深圳市", Grade.B);
        return customer;
    }
}
