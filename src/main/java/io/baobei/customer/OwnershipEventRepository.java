package io.baobei.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OwnershipEventRepository extends JpaRepository<OwnershipEvent, Long> {

    List<OwnershipEvent> findByCustomerIdOrderByOccurredAtAscIdAsc(Long customerId);

    /** The last time {@code owner} lost the customer (the start of their cooldown). */
    Optional<OwnershipEvent> findFirstByCustomerIdAndFromOwnerAndActionInOrderByOccurredAtDescIdDesc(
            Long customerId, String owner, Collection<OwnershipAction> actions);

    /** The latest change of the customer. */
    Optional<OwnershipEvent> findFirstByCustomerIdOrderByOccurredAtDescIdDesc(Long customerId);

    @Query("select count(e) from OwnershipEvent e where e.toOwner = :owner and e.action = :action and e.occurredAt >= :since")
    long countGained(@Param("owner") String owner, @Param("action") OwnershipAction action,
                     @Param("since") Instant since);

    /** 合并: the ownership history of a merged customer becomes the survivor's. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @Query("update OwnershipEvent e set e.customerId = :to where e.customerId = :from")
    int moveToCustomer(@Param("from") Long from, @Param("to") Long to);
}
