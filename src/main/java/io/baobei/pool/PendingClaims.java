package io.baobei.pool;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.baobei.customer.PendingOwnershipRequests;

/** Claims waiting for approval or the draw count against the claimant's quota and daily claim limit. */
@Component
class PendingClaims implements PendingOwnershipRequests {

    static final List<ClaimStatus> PENDING = List.of(ClaimStatus.ACCEPTED, ClaimStatus.PENDING_APPROVAL,
            ClaimStatus.PENDING_DRAW);

    private final PoolClaimRepository claims;

    PendingClaims(PoolClaimRepository claims) {
        this.claims = claims;
    }

    @Override
    public long pendingFor(String username) {
        return claims.countByClaimantAndStatusIn(username, PENDING);
    }

    /** a claim that passed its checks (first come, or drawn) and waits for approval or grant holds the customer */
    @Override
    public boolean reserves(Long customerId, String username) {
        return claims.findByCustomerIdAndStatusInOrderByIdAsc(customerId,
                        List.of(ClaimStatus.ACCEPTED, ClaimStatus.PENDING_APPROVAL)).stream()
                .anyMatch(claim -> !claim.getClaimant().equals(username));
    }

    @Override
    public long pendingClaimsSince(String username, Instant since) {
        return claims.countByClaimantAndStatusInAndCreatedAtGreaterThanEqual(username, PENDING, since);
    }
}
