package io.baobei.customer;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerDetailChangeRepository extends JpaRepository<CustomerDetailChange, Long> {

    List<CustomerDetailChange> findByCustomerIdOrderByCreatedAtAscIdAsc(Long customerId);
}
