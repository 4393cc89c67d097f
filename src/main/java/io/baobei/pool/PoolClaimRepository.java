package io.baobei.pool;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface PoolClaimRepository extends JpaRepository<PoolClaim, Long> {

    long countByClaimantAndStatusIn(String claimant, Collection<ClaimStatus> statuses);

    long countByClaimantAndStatusInAndCreatedAtGreaterThanEqual(String claimant, Collection<ClaimStatus> statuses,
                                                               Instant since);

    List<PoolClaim> findByCustomerIdAndStatusInOrderByIdAsc(Long customerId, Collection<ClaimStatus> statuses);

    Optional<PoolClaim> findFirstByProcessInstanceIdOrderByIdDesc(String processInstanceId);

    Page<PoolClaim> findByClaimant(String claimant, Pageable pageable);
}
