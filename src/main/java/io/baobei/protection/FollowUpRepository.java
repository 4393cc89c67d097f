package io.baobei.protection;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    List<FollowUp> findByCustomerIdOrderByCreatedAtDescIdDesc(Long customerId);

    /** the size is ProtectionService.EARLIER_SHOWN */
    List<FollowUp> findFirst10ByCustomerIdOrderByCreatedAtDescIdDesc(Long customerId);

    long countByCustomerId(Long customerId);
}
