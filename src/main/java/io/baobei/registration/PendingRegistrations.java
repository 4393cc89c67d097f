package io.baobei.registration;

import java.util.List;

import org.springframework.stereotype.Component;

import io.baobei.customer.PendingOwnershipRequests;

/** Registrations still in the works count against their submitter's quota (OwnershipQuota). */
@Component
class PendingRegistrations implements PendingOwnershipRequests {

    /** from submission until the grant: checking, in review, sent back for revision */
    static final List<RegistrationStatus> PENDING = List.of(RegistrationStatus.CHECKING, RegistrationStatus.IN_REVIEW,
            RegistrationStatus.REVISION);

    private final RegistrationRepository registrations;

    PendingRegistrations(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public long pendingFor(String username) {
        return registrations.countBySubmitterAndStatusIn(username, PENDING);
    }
}
