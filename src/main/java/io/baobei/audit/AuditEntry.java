package io.baobei.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One audited business change: who did what to which object, before → after, why. Never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private Instant occurredAt;
    @Column(nullable = false, updatable = false)
    private String actor;
    @Column(nullable = false, updatable = false)
    private String action;
    @Column(nullable = false, updatable = false)
    private String objectType;
    @Column(updatable = false)
    private String objectId;
    @Column(name = "before_state", updatable = false)
    private String before;
    @Column(name = "after_state", updatable = false)
    private String after;
    @Column(updatable = false)
    private String reason;
    @Column(nullable = false, updatable = false)
    private String prevHash;
    @Column(nullable = false, updatable = false)
    private String hash;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, String actor, String action, String objectType, String objectId, String before,
               String after, String reason, String prevHash) {
        // microseconds: what both databases store, so the hash can be recomputed from the stored row
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        this.actor = clip(actor, 64);
        this.action = clip(action, 40);
        this.objectType = clip(objectType, 30);
        this.objectId = clip(objectId, 64);
        this.before = clip(before, 2000);
        this.after = clip(after, 2000);
        this.reason = clip(reason, 1000);
        this.prevHash = prevHash;
        this.hash = computeHash();
    }

    /** SHA-256 over the previous hash and every field, with separators that cannot occur in the values' encoding. */
    String computeHash() {
        String content = String.join("\u001F", prevHash, occurredAt.toString(), actor, action, objectType,
                String.valueOf(objectId), String.valueOf(before), String.valueOf(after), String.valueOf(reason));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getObjectType() { return objectType; }
    public String getObjectId() { return objectId; }
    public String getBefore() { return before; }
    public String getAfter() { return after; }
    public String getReason() { return reason; }
    public String getPrevHash() { return prevHash; }
    public String getHash() { return hash; }
}
