package io.baobei.audit;

import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Append and read only: the application has no way to change or delete an entry. */
public interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    @Query("""
            select e from AuditEntry e
            where (:actor is null or e.actor = :actor)
              and (:objectType is null or e.objectType = :objectType)
              and (:objectId is null or e.objectId = :objectId)
              and (cast(:fromTime as java.time.Instant) is null or e.occurredAt >= :fromTime)
              and (cast(:toTime as java.time.Instant) is null or e.occurredAt < :toTime)
            order by e.id desc""")
    Page<AuditEntry> search(@Param("actor") String actor, @Param("objectType") String objectType,
                            @Param("objectId") String objectId, @Param("fromTime") Instant from,
                            @Param("toTime") Instant to, Pageable pageable);

    @Query("select e from AuditEntry e order by e.id")
    Stream<AuditEntry> streamAll();
}
