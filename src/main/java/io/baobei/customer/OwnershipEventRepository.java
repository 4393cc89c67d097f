package io.baobei.customer;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OwnershipEventRepository extends JpaRepository<OwnershipEvent, Long> {

    List<OwnershipEvent> findByCustomerIdOrderByOccurredAtAscIdAsc(Long customerId);
}
