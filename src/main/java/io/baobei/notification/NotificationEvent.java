package io.baobei.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Something that happened and that people should hear of. Carries ids and a few display values for the templates,
 * never contact data (phone, email, contact person): a notification is copied to mail servers and chat groups.
 *
 * @param kind       what happened
 * @param key        identifies this occurrence, stable across retries of the job that publishes it, e.g.
 *                   {@code "claim:42:decided"}: (key, recipient, channel) is the idempotency key of a delivery
 * @param recipients Camunda user ids
 * @param objectType e.g. {@code "CUSTOMER"}, {@code "REGISTRATION"}, {@code "POOL_CLAIM"} (may be null)
 * @param objectId   that object's id (may be null)
 * @param taskId     the Tasklist task the message links to; null links to Tasklist itself
 * @param params     template parameters ({@code {customer}}, {@code {reason}}, ...); values are display text
 */
public record NotificationEvent(NotificationKind kind, String key, Set<String> recipients, String objectType,
                                String objectId, String taskId, Map<String, String> params) {

    public NotificationEvent {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isBlank() || key.length() > 150) {
            throw new IllegalArgumentException("a notification needs a key of 1..150 characters");
        }
        recipients = recipients == null ? Set.of()
                : Set.copyOf(new LinkedHashSet<>(recipients.stream().filter(Objects::nonNull).toList()));
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static NotificationEvent of(NotificationKind kind, String key, String recipient, String objectType,
                                       Object objectId, String taskId, Map<String, String> params) {
        return new NotificationEvent(kind, key, recipient == null ? Set.of() : Set.of(recipient), objectType,
                objectId == null ? null : objectId.toString(), taskId, params);
    }

    public static NotificationEvent of(NotificationKind kind, String key, List<String> recipients, String objectType,
                                       Object objectId, String taskId, Map<String, String> params) {
        return new NotificationEvent(kind, key, new LinkedHashSet<>(recipients), objectType,
                objectId == null ? null : objectId.toString(), taskId, params);
    }
}
