package io.baobei.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.identity.UserDirectory;

/**
 * Delivers the outbox. Each poll claims due rows of this node's channels (SENDING, with a lease) in a short
 * transaction, sends each outside any transaction, then records the attempt and the row's next state: DELIVERED;
 * PENDING again after an exponential back-off; FAILED when the failure is permanent or the attempts are used up.
 * A row claimed by one node is invisible to the others, and a finished row is never claimed again, so every
 * message is sent at most once; a row whose node stopped mid-send is given up (FAILED, shown to admins) rather
 * than risk a second copy.
 */
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final String INTERRUPTED = "发送过程中节点停止，无法确认是否送达；为避免重复发送，不再重试";

    private final Outbox outbox;
    private final DeliveryChannels channels;
    private final TransactionTemplate tx;
    private final NotificationProperties.Delivery settings;
    private final UserDirectory directory;
    private final Clock clock;
    private final String node;

    DeliveryWorker(Outbox outbox, DeliveryChannels channels, TransactionTemplate tx,
                   NotificationProperties.Delivery settings, UserDirectory directory, Clock clock, String node) {
        this.outbox = outbox;
        this.channels = channels;
        this.tx = tx;
        this.settings = settings;
        this.directory = directory;
        this.clock = clock;
        this.node = node;
    }

    String node() {
        return node;
    }

    /** One poll: gives up interrupted rows, then claims and delivers one batch. Returns how many it tried. */
    int runOnce() {
        if (channels.channels().isEmpty()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        tx.executeWithoutResult(s -> {
            for (Long id : outbox.expiredLeases(now)) {
                if (outbox.abandon(id, INTERRUPTED, now)) {
                    outbox.recordAttempt(outbox.load(id), node, false, INTERRUPTED, now);
                }
            }
        });
        List<Long> claimed = tx.execute(s -> outbox.claim(node, channels.channels(), settings.batchSize(), now,
                now.plus(settings.lease())));
        for (Long id : claimed) {
            deliver(id);
        }
        return claimed.size();
    }

    private void deliver(long id) {
        Outbox.Row row = tx.execute(s -> outbox.renew(id, node, Instant.now(clock).plus(settings.lease()))
                ? outbox.load(id) : null);
        if (row == null) {
            log.warn("notification outbox row {} was given up before {} could send it", id, node);
            return;
        }
        ChannelSender sender = channels.get(row.channel());
        boolean delivered = false;
        boolean permanent = false;
        String note;
        try {
            String team = row.channel().isGroup() ? directory.actor(row.recipient()).team() : null;
            note = sender.send(row, team);
            delivered = true;
        } catch (DeliveryException e) {
            note = e.getMessage();
            permanent = e.permanent();
        } catch (RuntimeException e) {
            note = "意外错误：" + e;
            log.warn("notification {} via {} failed unexpectedly", id, row.channel(), e);
        }
        Instant done = Instant.now(clock);
        boolean ok = delivered;
        Outbox.State next = delivered ? Outbox.State.DELIVERED
                : permanent || row.attempts() >= settings.maxAttempts() ? Outbox.State.FAILED : Outbox.State.PENDING;
        String detail = note;
        boolean ownClaim = Boolean.TRUE.equals(tx.execute(s -> {
            outbox.recordAttempt(row, node, ok, detail, done);
            return outbox.finish(id, node, next,
                    next == Outbox.State.PENDING ? done.plus(settings.backoffAfter(row.attempts())) : null,
                    ok ? null : detail, done);
        }));
        if (!ownClaim) {
            // the lease ran out while sending and the row was given up: the attempt stays on record
            log.warn("notification outbox row {} was no longer claimed by {} when its delivery ended ({})", id, node, next);
        }
    }
}
