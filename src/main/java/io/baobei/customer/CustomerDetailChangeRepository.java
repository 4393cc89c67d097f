package io.baobei.customer;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerDetailChangeRepository extends JpaRepository<CustomerDetailChange, Long> {

    List<CustomerDetailChange> findByCustomerIdOrderByCreatedAtAscIdAsc(Long customerId);

    /** 合并: proposed changes of a merged customer's details become the survivor's to check. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @org.springframework.data.jpa.repository.Query(
            "update CustomerDetailChange c set c.customerId = :to where c.customerId = :from")
    int moveToCustomer(@org.springframework.data.repository.query.Param("from") Long from,
                       @org.springframework.data.repository.query.Param("to") Long to);
}
