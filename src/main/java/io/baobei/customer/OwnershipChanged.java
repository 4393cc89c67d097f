package io.baobei.customer;

/**
 * Published (Spring application event, synchronously, in the changing transaction) each time the ownership core
 * records a change of a customer's owner, status or protection dates: features that hold requests about a customer
 * (an extension waiting for approval) learn that it has moved without the core knowing them. The values are the
 * customer as it stands after the change.
 *
 * @param protectionProcessInstanceId the running protection process, or null when none runs any more
 */
public record OwnershipChanged(Long customerId, OwnershipAction action, String owner, CustomerStatus status,
                               String protectionProcessInstanceId) {
}
