package io.baobei.customer;

import java.time.Instant;

/**
 * Test fixtures: a customer held by a rep without a protection process, for tests of reads and matching. Production
 * code changes an owner only through OwnershipService.
 */
public final class TestCustomers {

    private TestCustomers() {
    }

    public static void protect(Customer customer, String owner, String team, Instant since, Instant until,
                               Instant followUpDue) {
        customer.protectFor(owner, team, since, until, followUpDue);
    }
}
