package io.baobei.protection;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    List<FollowUp> findByCustomerIdOrderByCreatedAtDescIdDesc(Long customerId);

    /** the size is ProtectionService.EARLIER_SHOWN */
    List<FollowUp> findFirst10ByCustomerIdOrderByCreatedAtDescIdDesc(Long customerId);

    long countByCustomerId(Long customerId);

    /** 合并: the follow-ups of a merged customer become the survivor's. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @org.springframework.data.jpa.repository.Query("update FollowUp f set f.customerId = :to where f.customerId = :from")
    int moveToCustomer(@org.springframework.data.repository.query.Param("from") Long from,
                       @org.springframework.data.repository.query.Param("to") Long to);
}
