package io.baobei.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.NotFoundException;
import io.baobei.identity.UserDirectory;

/**
 * Publishing notifications and reading one's own. {@link #notify} is the one call a feature makes, in the service
 * method that changes the state (so in its transaction): it writes the in-app notification and one outbox row per
 * configured channel, or nothing at all if that transaction rolls back. Delivery happens later (DeliveryWorker),
 * so no channel can fail or slow down the caller.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    static final int MAX_PAGE_SIZE = 100;

    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final DeliveryChannels channels;
    private final UserDirectory directory;
    private final NotificationProperties settings;
    private final Clock clock;

    Notifications(NotificationRepository notifications, Outbox outbox, MessageTemplates templates,
                  DeliveryChannels channels, UserDirectory directory, NotificationProperties settings, Clock clock) {
        this.notifications = notifications;
        this.outbox = outbox;
        this.templates = templates;
        this.channels = channels;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Notifies every recipient of {@code event}, in the caller's transaction. Publishing the same event (same key)
     * again, e.g. from a retried job, adds nothing. Unknown recipients are skipped.
     */
    @Transactional
    public void notify(NotificationEvent event) {
        Instant now = Instant.now(clock);
        MessageTemplates.Rendered texts = templates.render(event.kind(), event.params());
        String link = link(event.taskId());
        for (String recipient : event.recipients()) {
            if (notifications.existsByEventKeyAndRecipient(event.key(), recipient)) {
                continue;
            }
            if (!directory.exists(recipient)) {
                log.warn("notification {} not sent to unknown user {}", event.key(), recipient);
                continue;
            }
            Notification saved = notifications.save(new Notification(event.key(), recipient, event.kind(),
                    texts.title(), texts.body(), link, event.objectType(), event.objectId(), event.taskId(), now));
            String team = channels.anyGroup() ? directory.actor(recipient).team() : null;
            for (ChannelSender sender : channels.all()) {
                String key = Outbox.idempotencyKey(event.key(), recipient, sender.channel());
                if (sender.reaches(team) && !outbox.exists(key)) {
                    outbox.add(saved.getId(), sender.channel(), key, now);
                }
            }
        }
    }

    /** Where a message leads: the task in Tasklist, or Tasklist itself. */
    String link(String taskId) {
        String tasklist = settings.baseUrl() + "/camunda/app/tasklist/default/";
        return taskId == null ? tasklist : tasklist + "#/?task=" + taskId;
    }

    // ----------------------------------------------------------------------------------- the user's own

    public record View(Long id, NotificationKind kind, String kindLabel, String title, String body, String link,
                       String objectType, String objectId, String taskId, Instant createdAt, Instant readAt,
                       boolean read) {

        static View of(Notification n) {
            return new View(n.getId(), n.getKind(), n.getKind().label(), n.getTitle(), n.getBody(), n.getLink(),
                    n.getObjectType(), n.getObjectId(), n.getTaskId(), n.getCreatedAt(), n.getReadAt(),
                    n.getReadAt() != null);
        }
    }

    /** A user's notifications, newest first. */
    @Transactional(readOnly = true)
    public Page<View> of(String user, int page, int size) {
        return notifications.findByRecipient(user, PageRequest.of(Math.max(page, 0),
                        Math.min(Math.max(size, 1), MAX_PAGE_SIZE), Sort.by(Sort.Direction.DESC, "id")))
                .map(View::of);
    }

    @Transactional(readOnly = true)
    public long unread(String user) {
        return notifications.countByRecipientAndReadAtIsNull(user);
    }

    /** Marks one of the user's own notifications read; someone else's is 404 like a missing one. */
    @Transactional
    public View markRead(String user, Long id) {
        Notification n = notifications.findByIdAndRecipient(id, user)
                .orElseThrow(() -> new NotFoundException("通知", id));
        n.markRead(Instant.now(clock));
        return View.of(n);
    }

    @Transactional
    public int markAllRead(String user) {
        return notifications.markAllRead(user, Instant.now(clock));
    }

    // ------------------------------------------------------------------------------------ admins' view

    @Transactional(readOnly = true)
    public List<DeliveryFailure> failures(int page, int size) {
        return outbox.failures(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
    }

    @Transactional(readOnly = true)
    public long failureCount() {
        return outbox.failureCount();
    }
}
