package io.baobei.pool;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.NotFoundException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipHistory;

/** 公海池: customers without an owner. */
@Service
@Transactional
public class PoolService {

    private final CustomerRepository customers;
    private final OwnershipHistory history;
    private final Clock clock;

    public PoolService(CustomerRepository customers, OwnershipHistory history, Clock clock) {
        this.customers = customers;
        this.history = history;
        this.clock = clock;
    }

    /** 回收: the owner loses the customer, the reason is recorded. A customer not protected stays as it is. */
    public boolean reclaim(Long customerId, String processInstanceId, ReclaimReason reason) {
        Customer customer = customers.lockById(customerId).orElseThrow(() -> new NotFoundException("客户", customerId));
        // only the timers of the customer's current protection reclaim it; a stale instance leaves it alone
        if (!customer.isProtectedBy(processInstanceId)) {
            return false;
        }
        String previousOwner = customer.getOwner();
        customer.releaseToPool(Instant.now(clock));
        history.record(customer, reason.action(), previousOwner, CustomerStatus.PROTECTED, reason.description(),
                OwnershipEvent.SYSTEM, null);
        return true;
    }
}
