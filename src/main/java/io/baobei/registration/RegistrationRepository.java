package io.baobei.registration;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RegistrationRepository extends JpaRepository<Registration, Long> {

    Page<Registration> findBySubmitter(String submitter, Pageable pageable);

    @Query("select r from Registration r where r.teamId in :teams or r.submitter = :username")
    Page<Registration> findVisibleToManager(@Param("username") String username,
                                            @Param("teams") Collection<String> teams, Pageable pageable);

    Optional<Registration> findByProcessInstanceId(String processInstanceId);

    long countBySubmitterAndStatusIn(String submitter, java.util.Collection<RegistrationStatus> statuses);

    /** 合并: the registrations of a merged customer become the survivor's. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @Query("update Registration r set r.customerId = :to where r.customerId = :from")
    int moveToCustomer(@Param("from") Long from, @Param("to") Long to);
}
