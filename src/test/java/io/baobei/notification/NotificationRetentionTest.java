package io.baobei.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly cleanup deletes delivered outbox rows older than baobei.notifications.retention (90 days by default)
 * with their attempts, and nothing else: failed and unfinished rows, recent deliveries and the in-app notifications
 * stay.
 */
@BaobeiSpringTest
class NotificationRetentionTest {

    @Autowired OutboxRetention retention;
    @Autowired JdbcTemplate jdbc;

    @Test
    void deliveredRowsOlderThanTheRetentionGoWithTheirAttemptsAndEverythingElseStays() {
        Instant now = Instant.now();
        String run = UUID.randomUUID().toString();
        long notification = inApp(run);
        long oldDelivered = outbox(notification, run, "EMAIL", "DELIVERED", now.minus(Duration.ofDays(91)));
        long recentDelivered = outbox(notification, run, "WECOM_APP", "DELIVERED", now.minus(Duration.ofDays(89)));
        long oldFailed = outbox(notification, run, "DINGTALK_ROBOT", "FAILED", null);
        long pending = outbox(notification, run, "WECOM_ROBOT", "PENDING", null);
        attempt(oldDelivered, "FAILED");
        attempt(oldDelivered, "DELIVERED");
        attempt(oldFailed, "FAILED");

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(outboxIds(run)).containsExactlyInAnyOrder(recentDelivered, oldFailed, pending);
        assertThat(jdbc.queryForObject("select count(*) from notification_attempt where outbox_id = ?", Long.class,
                oldDelivered)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notification_attempt where outbox_id = ?", Long.class,
                oldFailed)).as("admins still read the failure").isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from notification where id = ?", Long.class, notification))
                .as("the recipient keeps the in-app notification").isEqualTo(1L);
        assertThat(retention.purge()).as("a second run finds nothing of this").isZero();
    }

    private long inApp(String run) {
        jdbc.update("insert into notification (event_key, recipient, kind, title, body, link, created_at)"
                        + " values (?, ?, 'RECLAIMED', '标题', '正文', 'http://localhost', ?)",
                "retention:" + run, TestIdentities.REP_A1, Timestamp.from(Instant.now().minus(Duration.ofDays(100))));
        return jdbc.queryForObject("select id from notification where event_key = ?", Long.class, "retention:" + run);
    }

    private long outbox(long notification, String run, String channel, String state, Instant deliveredAt) {
        String key = "retention:" + run + "|" + channel;
        Timestamp created = Timestamp.from(Instant.now().minus(Duration.ofDays(100)));
        jdbc.update("insert into notification_outbox (notification_id, channel, idempotency_key, state, attempts,"
                        + " next_attempt_at, created_at, delivered_at) values (?, ?, ?, ?, 1, ?, ?, ?)",
                notification, channel, key, state, created, created, deliveredAt == null ? null : Timestamp.from(deliveredAt));
        return jdbc.queryForObject("select id from notification_outbox where idempotency_key = ?", Long.class, key);
    }

    private void attempt(long outboxId, String outcome) {
        jdbc.update("insert into notification_attempt (outbox_id, recipient, kind, channel, attempt, outcome, node,"
                        + " attempted_at) values (?, ?, 'RECLAIMED', 'EMAIL', 1, ?, 'test', ?)",
                outboxId, TestIdentities.REP_A1, outcome, Timestamp.from(Instant.now().minus(Duration.ofDays(95))));
    }

    private java.util.List<Long> outboxIds(String run) {
        return jdbc.queryForList("select id from notification_outbox where idempotency_key like ?", Long.class,
                "retention:" + run + "|%");
    }
}
