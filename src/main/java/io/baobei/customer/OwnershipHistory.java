package io.baobei.customer;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.baobei.audit.AuditLog;

/**
 * Records a change of owner or status; called inside the transaction that makes the change, which also tells the
 * other features ({@link OwnershipChanged}).
 */
@Component
public class OwnershipHistory {

    private final OwnershipEventRepository events;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    public OwnershipHistory(OwnershipEventRepository events, AuditLog auditLog, Clock clock,
                            ApplicationEventPublisher publisher) {
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
        this.publisher = publisher;
    }

    public void record(Customer customer, OwnershipAction action, String fromOwner, CustomerStatus fromStatus,
                       String reason, String actor, Long registrationId) {
        events.save(new OwnershipEvent(customer.getId(), action, fromOwner, customer.getOwner(), fromStatus,
                customer.getStatus(), reason, actor, registrationId, Instant.now(clock)));
        auditLog.recordAs(actor, action.name(), "CUSTOMER", customer.getId(),
                "owner=" + fromOwner + ";status=" + fromStatus,
                "owner=" + customer.getOwner() + ";status=" + customer.getStatus(), reason);
        // a protection that has ended keeps its instance id on the customer: only a PROTECTED customer has one running
        publisher.publishEvent(new OwnershipChanged(customer.getId(), action, customer.getOwner(), customer.getStatus(),
                customer.getStatus() == CustomerStatus.PROTECTED ? customer.getProtectionProcessInstanceId() : null));
    }
}
