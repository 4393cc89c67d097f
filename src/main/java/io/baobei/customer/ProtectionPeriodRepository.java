package io.baobei.customer;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProtectionPeriodRepository extends JpaRepository<ProtectionPeriod, Long> {

    Optional<ProtectionPeriod> findByActiveCustomerId(Long customerId);
}
