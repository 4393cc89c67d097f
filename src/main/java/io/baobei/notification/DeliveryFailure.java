package io.baobei.notification;

import java.time.Instant;

/**
 * A failed delivery attempt, for admins: who (recipient), what (kind, outbox row), channel, which node, why, and
 * the message's state now (PENDING: will be retried; DELIVERED: a later attempt succeeded; FAILED: given up).
 */
public record DeliveryFailure(long attemptId, long outboxId, String recipient, NotificationKind kind, Channel channel,
                              int attempt, String reason, String node, Instant attemptedAt, String state) {
}
