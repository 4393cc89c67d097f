package io.baobei.notification;

/** One configured channel. Implementations look the recipient's address up themselves, at delivery time. */
interface ChannelSender {

    Channel channel();

    /** Whether a member of {@code team} (null: none) is reached by this channel at all (robots: a webhook). */
    default boolean reaches(String team) {
        return true;
    }

    /** Sends one message; returns a short note for the attempt record (e.g. the server's message id). */
    String send(Outbox.Row message, String team) throws DeliveryException;
}
