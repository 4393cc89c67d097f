package io.baobei.extension;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.baobei.customer.OwnershipChanged;

/**
 * Hears every change the ownership core records, in its transaction: a pending extension whose customer has left
 * the requester's protection period (transfer, reclaim, release, deal) ends there and then, not when a manager
 * happens to open it.
 */
@Component
class ExtensionOwnershipWatcher {

    private final ExtensionService service;

    ExtensionOwnershipWatcher(ExtensionService service) {
        this.service = service;
    }

    @EventListener
    void on(OwnershipChanged change) {
        service.customerChanged(change);
    }
}
