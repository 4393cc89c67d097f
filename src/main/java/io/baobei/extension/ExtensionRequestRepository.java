package io.baobei.extension;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ExtensionRequestRepository extends JpaRepository<ExtensionRequest, Long>,
        JpaSpecificationExecutor<ExtensionRequest> {

    long countByProtectionProcessInstanceIdAndStatus(String protectionProcessInstanceId, ExtensionStatus status);

    Optional<ExtensionRequest> findByPendingCustomerId(Long customerId);

    List<ExtensionRequest> findByCustomerIdAndStatus(Long customerId, ExtensionStatus status);
}
