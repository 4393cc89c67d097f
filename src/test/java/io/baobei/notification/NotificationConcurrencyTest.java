package io.baobei.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.identity.UserDirectory;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL (the production set-up): two delivery workers with their own node ids
 * poll the same outbox at once, released together by a start gate. Each message is sent exactly once and both
 * nodes share the work.
 */
@BaobeiSpringTest
@Tag("postgres")
class NotificationConcurrencyTest {

    private static final int EVENTS_PER_REP = 40;

    @Autowired NotificationRepository repository;
    @Autowired Outbox outbox;
    @Autowired MessageTemplates templates;
    @Autowired UserDirectory directory;
    @Autowired PlatformTransactionManager transactions;
    @Autowired TestIdentities identities;
    @Autowired JdbcTemplate jdbc;

    /** A channel that counts what it was asked to send, slowly enough for the two nodes to overlap. */
    static final class CountingSender implements ChannelSender {
        final Map<Long, AtomicInteger> sent = new ConcurrentHashMap<>();

        @Override
        public Channel channel() {
            return Channel.WECOM_ROBOT;
        }

        @Override
        public String send(Outbox.Row message, String team) {
            sent.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "counted";
        }
    }

    @Test
    void twoNodesDeliverEachMessageExactlyOnce() throws Exception {
        NotificationDeliveryTest.TestClock clock = new NotificationDeliveryTest.TestClock();
        NotificationProperties settings = new NotificationProperties(null, null, null, null, null, null,
                new NotificationProperties.Delivery(true, null, 4, 3, null, null, null));
        CountingSender sender = new CountingSender();
        DeliveryChannels channels = new DeliveryChannels(List.of(sender));
        Notifications notifications = new Notifications(repository, outbox, templates, channels, directory, settings, clock);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        List<String> reps = List.of(identities.newRep("ntfRace", TestIdentities.TEAM_A),
                identities.newRep("ntfRace", TestIdentities.TEAM_B));
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < EVENTS_PER_REP; i++) {
                for (String rep : reps) {
                    notifications.notify(NotificationEvent.of(NotificationKind.RECLAIMED, "race:" + rep + ":" + i, rep,
                            "CUSTOMER", i, null, Map.of("customer", "并发测试客户" + i)));
                }
            }
        });
        List<Long> ours = jdbc.queryForList("select o.id from notification_outbox o join notification n"
                + " on n.id = o.notification_id where n.recipient in (?, ?)", Long.class, reps.get(0), reps.get(1));
        assertThat(ours).hasSize(EVENTS_PER_REP * reps.size());

        List<DeliveryWorker> nodes = List.of(
                new DeliveryWorker(outbox, channels, tx, settings.delivery(), directory, clock, "node-a"),
                new DeliveryWorker(outbox, channels, tx, settings.delivery(), directory, clock, "node-b"));
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (DeliveryWorker node : nodes) {
                runs.add(pool.submit(() -> {
                    gate.await();
                    int polls = 0;
                    while (open(reps) > 0 && polls++ < 1000) {
                        node.runOnce();
                    }
                    return polls;
                }));
            }
            gate.countDown();
            for (Future<Integer> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isLessThan(1000);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ours).allSatisfy(id -> assertThat(sender.sent.get(id)).as("row " + id).hasValue(1));
        assertThat(jdbc.queryForList("select distinct o.state from notification_outbox o where o.id in ("
                + String.join(",", ours.stream().map(String::valueOf).toList()) + ")", String.class))
                .containsExactly("DELIVERED");
        List<Map<String, Object>> attempts = jdbc.queryForList("select outbox_id, node from notification_attempt"
                + " where recipient in (?, ?)", reps.get(0), reps.get(1));
        assertThat(attempts).hasSize(ours.size());
        assertThat(attempts.stream().map(a -> a.get("node")).distinct()).as("both nodes delivered")
                .containsExactlyInAnyOrder("node-a", "node-b");
    }

    private int open(List<String> reps) {
        return jdbc.queryForObject("select count(*) from notification_outbox o join notification n"
                + " on n.id = o.notification_id where n.recipient in (?, ?) and o.state in ('PENDING', 'SENDING')",
                Integer.class, reps.get(0), reps.get(1));
    }
}
