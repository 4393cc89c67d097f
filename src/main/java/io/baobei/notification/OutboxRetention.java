package io.baobei.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the outbox small: delivered messages older than {@code baobei.notifications.retention} (default 90 days)
 * are deleted with their attempts, every night ({@code baobei.notifications.retention-cleanup}, cron, default 03:30
 * in the business time zone). FAILED rows stay for the admins, and the in-app notifications stay for their
 * recipients; those also keep a repeated event from being queued again (Notifications.notify skips a key it has
 * notified), so deleting an outbox row's idempotency key never sends a message twice. Every node may run it: a
 * second run deletes nothing.
 */
@Component
class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

    private final Outbox outbox;
    private final Duration retention;
    private final Clock clock;

    OutboxRetention(Outbox outbox, @Value("${baobei.notifications.retention:90d}") Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("baobei.notifications.retention must be positive, e.g. 90d");
        }
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes what was delivered more than the retention ago; returns how many outbox rows. */
    @Transactional
    public int purge() {
        int deleted = outbox.purgeDelivered(Instant.now(clock).minus(retention));
        if (deleted > 0) {
            log.info("deleted {} delivered notification outbox rows older than {}", deleted, retention);
        }
        return deleted;
    }

    @Scheduled(cron = "${baobei.notifications.retention-cleanup:0 30 3 * * *}", zone = "${baobei.time-zone:Asia/Shanghai}")
    void nightly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("notification outbox cleanup failed; next run tomorrow", e);
        }
    }
}
