package io.baobei.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log. {@link #record} appends an entry in the caller's transaction, so a business change and
 * its entry commit or roll back together. Every entry's hash covers its content and the previous hash; the
 * chain's head row is locked while appending, so appends from several nodes form one chain, and
 * {@link #verify} detects a changed, inserted or deleted entry.
 */
@Service
public class AuditLog {

    /** the actor of changes made by the engine itself (timers, asynchronous steps without a user) */
    public static final String SYSTEM = "system";
    static final String GENESIS = "0".repeat(64);

    private final AuditEntryRepository entries;
    private final EntityManager entityManager;
    private final IdentityService identityService;
    private final Clock clock;

    /** identityService is lazy: the engine records its own start-up deployment before it is complete */
    public AuditLog(AuditEntryRepository entries, EntityManager entityManager, @Lazy IdentityService identityService,
                    Clock clock) {
        this.entries = entries;
        this.entityManager = entityManager;
        this.identityService = identityService;
        this.clock = clock;
    }

    /** Appends an entry by the current user (Spring Security or Camunda), else {@link #SYSTEM}. */
    @Transactional
    public void record(String action, String objectType, Object objectId, String before, String after, String reason) {
        recordAs(currentActor(), action, objectType, objectId, before, after, reason);
    }

    @Transactional
    public void recordAs(String actor, String action, String objectType, Object objectId, String before, String after,
                         String reason) {
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select last_id, last_hash from audit_chain_head where id = 1 for update")
                .getSingleResult();
        AuditEntry entry = entries.save(new AuditEntry(Instant.now(clock), actor == null ? SYSTEM : actor, action,
                objectType, objectId == null ? null : objectId.toString(), before, after, reason, (String) head[1]));
        entityManager.flush();
        entityManager.createNativeQuery("update audit_chain_head set last_id = ?1, last_hash = ?2 where id = 1")
                .setParameter(1, entry.getId()).setParameter(2, entry.getHash()).executeUpdate();
    }

    public record Verification(boolean valid, long entries, Long brokenAt, String problem) {
    }

    /** Recomputes the whole chain. */
    @Transactional(readOnly = true)
    public Verification verify() {
        String previous = GENESIS;
        Long lastId = null;
        long count = 0;
        try (Stream<AuditEntry> stream = entries.streamAll()) {
            for (Iterator<AuditEntry> it = stream.iterator(); it.hasNext(); ) {
                AuditEntry entry = it.next();
                if (!entry.getPrevHash().equals(previous)) {
                    return new Verification(false, count, entry.getId(), "与前一条记录的链接断开（记录被删除或插入）");
                }
                if (!entry.computeHash().equals(entry.getHash())) {
                    return new Verification(false, count, entry.getId(), "记录内容与其哈希不符（记录被修改）");
                }
                previous = entry.getHash();
                lastId = entry.getId();
                count++;
                entityManager.detach(entry);
            }
        }
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select last_id, last_hash from audit_chain_head where id = 1").getSingleResult();
        Long headId = head[0] == null ? null : ((Number) head[0]).longValue();
        if (!previous.equals(head[1]) || (headId == null ? lastId != null : !headId.equals(lastId))) {
            return new Verification(false, count, headId, "最后的记录与链头不符（末尾的记录被删除）");
        }
        return new Verification(true, count, null, null);
    }

    private String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return auth.getName();
        }
        var engineUser = identityService.getCurrentAuthentication();
        return engineUser != null && engineUser.getUserId() != null ? engineUser.getUserId() : SYSTEM;
    }
}
