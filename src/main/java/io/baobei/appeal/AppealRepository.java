package io.baobei.appeal;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AppealRepository extends JpaRepository<Appeal, Long> {

    /** The current appeal of a registration's process instance (a registration may be appealed again later). */
    Optional<Appeal> findFirstByRegistrationIdAndProcessInstanceIdOrderByIdDesc(Long registrationId,
                                                                               String processInstanceId);

    Page<Appeal> findByStatus(AppealStatus status, Pageable pageable);

    /**
     * The appeals {@code user} filed or may decide: their own, those of a decider group they belong to, and (for
     * directors) those escalated to the directors; never one about their own customer unless they filed it.
     */
    @Query("""
            select a from Appeal a where a.status = :status and (a.appellant = :user
              or ((a.deciderGroup in :groups or (a.escalatedAt is not null and :director = true))
                  and (a.ownerAtFiling is null or a.ownerAtFiling <> :user)))
            """)
    Page<Appeal> findVisibleTo(@Param("status") AppealStatus status, @Param("user") String user,
                               @Param("groups") Collection<String> groups, @Param("director") boolean director,
                               Pageable pageable);
}
