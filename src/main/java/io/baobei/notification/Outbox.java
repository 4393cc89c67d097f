package io.baobei.notification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox table and the attempts (plain SQL: claiming rows needs {@code for update skip locked}, which JPA does
 * not express). Every method runs in the caller's transaction.
 */
@Component
class Outbox {

    enum State { PENDING, SENDING, DELIVERED, FAILED }

    /** A claimed row with what its delivery needs. */
    record Row(long id, long notificationId, Channel channel, int attempts, String recipient, NotificationKind kind,
               String title, String body, String link) {
    }

    private final JdbcTemplate jdbc;
    /** PostgreSQL: skip rows another node has locked instead of waiting for them; H2 has no SKIP LOCKED */
    private final boolean skipLocked;

    Outbox(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.skipLocked = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product: " + e.getMessage(), e);
        }
    }

    static String idempotencyKey(String eventKey, String recipient, Channel channel) {
        return eventKey + "|" + recipient + "|" + channel;
    }

    boolean exists(String idempotencyKey) {
        Integer n = jdbc.queryForObject("select count(*) from notification_outbox where idempotency_key = ?",
                Integer.class, idempotencyKey);
        return n != null && n > 0;
    }

    void add(long notificationId, Channel channel, String idempotencyKey, Instant now) {
        jdbc.update("insert into notification_outbox (notification_id, channel, idempotency_key, state, attempts,"
                        + " next_attempt_at, created_at) values (?, ?, ?, 'PENDING', 0, ?, ?)",
                notificationId, channel.name(), idempotencyKey, at(now), at(now));
    }

    /**
     * Claims up to {@code limit} due rows of the given channels for {@code node}: each becomes SENDING with a lease,
     * its attempt counted. The update is conditional on the row still being PENDING, so of two nodes that read the
     * same row only one claims it (on PostgreSQL the second never even sees it: SKIP LOCKED).
     */
    List<Long> claim(String node, Collection<Channel> channels, int limit, Instant now, Instant leaseUntil) {
        if (channels.isEmpty()) {
            return List.of();
        }
        String in = channels.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(","));
        List<Long> candidates = jdbc.queryForList("select id from notification_outbox where state = 'PENDING'"
                        + " and next_attempt_at <= ? and channel in (" + in + ") order by next_attempt_at, id"
                        + " fetch first " + limit + " rows only" + (skipLocked ? " for update skip locked" : ""),
                Long.class, at(now));
        List<Long> claimed = new ArrayList<>();
        for (Long id : candidates) {
            int won = jdbc.update("update notification_outbox set state = 'SENDING', attempts = attempts + 1,"
                            + " claimed_by = ?, lease_until = ? where id = ? and state = 'PENDING'",
                    node, at(leaseUntil), id);
            if (won == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    Row load(long id) {
        return jdbc.queryForObject("select o.id, o.notification_id, o.channel, o.attempts, n.recipient, n.kind,"
                        + " n.title, n.body, n.link from notification_outbox o join notification n on n.id = o.notification_id"
                        + " where o.id = ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), Channel.valueOf(rs.getString(3)), rs.getInt(4),
                        rs.getString(5), NotificationKind.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
                        rs.getString(9)), id);
    }

    /**
     * Starts the lease of a claimed row afresh just before it is sent: a batch is sent one row after the other, and
     * the last must not count as interrupted because the first ones were slow. False when the row is no longer this
     * node's (then it must not be sent).
     */
    boolean renew(long id, String node, Instant leaseUntil) {
        return jdbc.update("update notification_outbox set lease_until = ? where id = ? and state = 'SENDING'"
                + " and claimed_by = ?", at(leaseUntil), id, node) == 1;
    }

    /** Ends a delivery claimed by {@code node}; false when the claim is no longer its own (lease expired). */
    boolean finish(long id, String node, State state, Instant nextAttemptAt, String error, Instant now) {
        return jdbc.update("update notification_outbox set state = ?, next_attempt_at = coalesce(?, next_attempt_at),"
                        + " last_error = ?, delivered_at = ?, claimed_by = null, lease_until = null"
                        + " where id = ? and state = 'SENDING' and claimed_by = ?",
                state.name(), nextAttemptAt == null ? null : at(nextAttemptAt), truncate(error),
                state == State.DELIVERED ? at(now) : null, id, node) == 1;
    }

    void recordAttempt(Row row, String node, boolean delivered, String detail, Instant now) {
        jdbc.update("insert into notification_attempt (outbox_id, recipient, kind, channel, attempt, outcome, detail,"
                        + " node, attempted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.id(), row.recipient(), row.kind().name(), row.channel().name(), row.attempts(),
                delivered ? "DELIVERED" : "FAILED", truncate(detail), node, at(now));
    }

    /** Rows left SENDING past their lease: the node stopped while sending. */
    List<Long> expiredLeases(Instant now) {
        return jdbc.queryForList("select id from notification_outbox where state = 'SENDING' and lease_until < ?"
                + (skipLocked ? " for update skip locked" : ""), Long.class, at(now));
    }

    /** Gives up an interrupted row (whether it reached the user is unknown: it is not sent a second time). */
    boolean abandon(long id, String error, Instant now) {
        return jdbc.update("update notification_outbox set state = 'FAILED', last_error = ?, claimed_by = null,"
                + " lease_until = null where id = ? and state = 'SENDING' and lease_until < ?", truncate(error), id, at(now)) == 1;
    }

    /**
     * Deletes the DELIVERED rows delivered before {@code before}, with their attempts; FAILED and unfinished rows
     * stay (admins read the failures). Returns how many rows went.
     */
    int purgeDelivered(Instant before) {
        jdbc.update("delete from notification_attempt where outbox_id in (select id from notification_outbox"
                + " where state = 'DELIVERED' and delivered_at < ?)", at(before));
        return jdbc.update("delete from notification_outbox where state = 'DELIVERED' and delivered_at < ?", at(before));
    }

    // ------------------------------------------------------------------------------------ admins' view

    List<DeliveryFailure> failures(int page, int size) {
        return jdbc.query("select a.id, a.outbox_id, a.recipient, a.kind, a.channel, a.attempt, a.detail, a.node,"
                        + " a.attempted_at, o.state from notification_attempt a join notification_outbox o on o.id = a.outbox_id"
                        + " where a.outcome = 'FAILED' order by a.id desc offset ? rows fetch next ? rows only",
                (rs, i) -> new DeliveryFailure(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        NotificationKind.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant(),
                        rs.getString(10)),
                (long) page * size, size);
    }

    long failureCount() {
        Long n = jdbc.queryForObject("select count(*) from notification_attempt where outcome = 'FAILED'", Long.class);
        return n == null ? 0 : n;
    }

    /** Microseconds, as both databases store them: a row stored rounded up would not be due at its own instant. */
    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
