package io.baobei.pool;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.customer.Customer;
import io.baobei.customer.OwnershipService;
import io.baobei.notification.NotificationEvent;
import io.baobei.notification.NotificationKind;
import io.baobei.notification.Notifications;

/**
 * 回收 by the protection timers: the customer returns to the public pool through the ownership core and its owner
 * until now is told so, in the same transaction (a reclaim that rolls back notifies no one).
 */
@Service
@Transactional
public class Reclaims {

    private final OwnershipService ownership;
    private final Notifications notifications;

    public Reclaims(OwnershipService ownership, Notifications notifications) {
        this.ownership = ownership;
        this.notifications = notifications;
    }

    /** Returns false when the customer is no longer protected by {@code processInstanceId} (nothing happens). */
    public boolean reclaim(Long customerId, String processInstanceId, ReclaimReason reason) {
        Customer customer = ownership.lock(customerId);
        String owner = customer.getOwner();
        String companyName = customer.getCompanyName();
        if (!ownership.reclaim(customerId, processInstanceId, reason.action(), reason.description())) {
            return false;
        }
        // one reclaim per protection process: its id keys the event, so a retried job notifies once
        notifications.notify(NotificationEvent.of(NotificationKind.RECLAIMED, "reclaim:" + processInstanceId, owner,
                "CUSTOMER", customerId, null, Map.of("customer", companyName, "reason", reason.description())));
        return true;
    }
}
