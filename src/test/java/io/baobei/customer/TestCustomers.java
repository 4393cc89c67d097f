package io.baobei.customer;

import java.time.Instant;

import io.baobei.support.Processes;

/**
 * Test fixtures: a customer held by a rep without a protection process, for tests of reads and matching. Production
 * code changes an owner only through OwnershipService.
 */
public final class TestCustomers {

    private TestCustomers() {
    }

    /** A customer in the pool, claimable at once (imported without owner), with {@code phone} or a fresh one. */
    public static Long inPool(OwnershipService ownership, String name, Grade grade, String region, String phone) {
        Customer customer = new Customer(name, grade, Instant.now());
        customer.updateDetails(name, null, "王先生", phone == null ? Processes.uniqueMobile() : phone, null, "IT",
                region, grade);
        return ownership.importCustomer(customer, null, "测试导入", "test").getId();
    }

    /** {@code count} customers protected for {@code rep}, as an import gives them (imports are not quota-checked). */
    public static void protectFor(OwnershipService ownership, String rep, String team, int count) {
        for (int i = 0; i < count; i++) {
            String name = Processes.uniqueName("保有量测试");
            Customer customer = new Customer(name, Grade.C, Instant.now());
            customer.updateDetails(name, null, "李女士", Processes.uniqueMobile(), null, "IT", "广东省", Grade.C);
            ownership.importCustomer(customer, new OwnershipService.ImportedOwner(rep, team), "测试导入", "test");
        }
    }

    public static void protect(Customer customer, String owner, String team, Instant since, Instant until,
                               Instant followUpDue) {
        customer.protectFor(owner, team, since, until, followUpDue);
    }
}
