package io.baobei.extension;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ExtensionRequestRepository extends JpaRepository<ExtensionRequest, Long>,
        JpaSpecificationExecutor<ExtensionRequest> {

    long countByProtectionProcessInstanceIdAndStatus(String protectionProcessInstanceId, ExtensionStatus status);

    /** The customer's PENDING request: pending_customer_id is unique and set only while PENDING. */
    Optional<ExtensionRequest> findByPendingCustomerId(Long customerId);
}
