package io.baobei.notification;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A notification as its recipient sees it in the application (站内通知), one per (event, recipient). */
@Entity
@Table(name = "notification")
class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_key", nullable = false, updatable = false)
    private String eventKey;

    @Column(nullable = false, updatable = false)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(nullable = false, updatable = false)
    private String title;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(nullable = false, updatable = false)
    private String link;

    @Column(name = "object_type", updatable = false)
    private String objectType;

    @Column(name = "object_id", updatable = false)
    private String objectId;

    @Column(name = "task_id", updatable = false)
    private String taskId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    Notification(String eventKey, String recipient, NotificationKind kind, String title, String body, String link,
                 String objectType, String objectId, String taskId, Instant createdAt) {
        this.eventKey = eventKey;
        this.recipient = recipient;
        this.kind = kind;
        this.title = title;
        this.body = body;
        this.link = link;
        this.objectType = objectType;
        this.objectId = objectId;
        this.taskId = taskId;
        this.createdAt = createdAt;
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    Long getId() {
        return id;
    }

    String getEventKey() {
        return eventKey;
    }

    String getRecipient() {
        return recipient;
    }

    NotificationKind getKind() {
        return kind;
    }

    String getTitle() {
        return title;
    }

    String getBody() {
        return body;
    }

    String getLink() {
        return link;
    }

    String getObjectType() {
        return objectType;
    }

    String getObjectId() {
        return objectId;
    }

    String getTaskId() {
        return taskId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getReadAt() {
        return readAt;
    }
}
