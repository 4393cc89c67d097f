package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.audit.AuditLog;
import io.baobei.common.TooManyRequestsException;

/**
 * How many checks one user may run through {@code POST /api/duplicates/check}: a check answers whether a phone,
 * email or credit code belongs to somebody's customer, so unlimited checks would let anyone guess the hidden
 * digits of a masked phone. Token buckets of Bucket4j, one per user, in this node's memory (several nodes each
 * count on their own): {@code perMinute} checks per minute window (the first window starts with the user's first
 * check) and {@code perDay} per calendar day in the clock's time zone. The registration process checks through
 * {@link DuplicateCheck} directly and is not counted.
 * <p>
 * When a user is refused, {@code onLimitReached} hears of it once per window: the first refusal of a window,
 * not every refused call (the application writes an audit entry).
 */
@Component
public class DuplicateCheckRateLimit {

    public static final String AUDIT_ACTION = "DUPLICATE_CHECK_RATE_LIMITED";
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateCheckRateLimit.class);

    /** A refusal, the first of its window: who, which limit, until when. */
    public record LimitReached(String user, boolean daily, int limit, Instant until, String message) {
    }

    private final DedupProperties.RateLimit limits;
    private final Clock clock;
    private final TimeMeter time;
    private final Consumer<LimitReached> onLimitReached;
    private final Map<String, UserLimit> users = new ConcurrentHashMap<>();

    /** A user's bucket and until when the user's current refusal has already been reported. */
    private static final class UserLimit {
        final Bucket bucket;
        final int dayBandwidth;
        Instant reportedUntil = Instant.MIN;

        UserLimit(Bucket bucket, int dayBandwidth) {
            this.bucket = bucket;
            this.dayBandwidth = dayBandwidth;
        }
    }

    /** Reports each user's first refusal of a window as an audit entry by that user, in its own transaction. */
    @Autowired
    public DuplicateCheckRateLimit(DedupProperties properties, Clock clock, AuditLog auditLog,
                                   PlatformTransactionManager transactionManager) {
        this(properties.rateLimit(), clock, audit(auditLog, transactionManager));
    }

    public DuplicateCheckRateLimit(DedupProperties.RateLimit limits, Clock clock, Consumer<LimitReached> onLimitReached) {
        this.limits = limits;
        this.clock = clock;
        this.onLimitReached = onLimitReached;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Counts one check by {@code user}, or refuses it: {@link TooManyRequestsException}, 429. */
    public void acquire(String user) {
        if (limits.perMinute() == 0 && limits.perDay() == 0) {
            return;
        }
        UserLimit limit = users.computeIfAbsent(user, u -> newLimit());
        VerboseResult<ConsumptionProbe> result = limit.bucket.asVerbose().tryConsumeAndReturnRemaining(1);
        ConsumptionProbe probe = result.getValue();
        if (probe.isConsumed()) {
            return;
        }
        boolean daily = limit.dayBandwidth >= 0 && result.getState().getCurrentSize(limit.dayBandwidth) < 1;
        long waitSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        String message = daily
                ? "今天的查重次数已用完（每人每天最多 " + limits.perDay() + " 次），请" + inWords(waitSeconds) + "后再试"
                : "查重过于频繁（每人每分钟最多 " + limits.perMinute() + " 次），请" + inWords(waitSeconds) + "后再试";
        Instant now = clock.instant();
        Instant until = now.plusSeconds(waitSeconds);
        boolean first;
        synchronized (limit) {
            first = !now.isBefore(limit.reportedUntil);
            if (first || until.isAfter(limit.reportedUntil)) {
                limit.reportedUntil = until;
            }
        }
        if (first) {
            try {
                onLimitReached.accept(new LimitReached(user, daily, daily ? limits.perDay() : limits.perMinute(),
                        until, message));
            } catch (RuntimeException e) {
                LOG.error("Could not record that {} reached the duplicate-check limit", user, e);
            }
        }
        throw new TooManyRequestsException(message, waitSeconds);
    }

    private UserLimit newLimit() {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        int bandwidths = 0;
        if (limits.perMinute() > 0) {
            builder.addLimit(limit -> limit.capacity(limits.perMinute())
                    .refillIntervally(limits.perMinute(), Duration.ofMinutes(1)).id("minute"));
            bandwidths++;
        }
        int dayBandwidth = -1;
        if (limits.perDay() > 0) {
            // refilled at each midnight of the app's time zone (a day of 24 hours: Asia/Shanghai has no DST)
            Instant midnight = LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
            builder.addLimit(limit -> limit.capacity(limits.perDay())
                    .refillIntervallyAligned(limits.perDay(), Duration.ofDays(1), midnight).id("day"));
            dayBandwidth = bandwidths;
        }
        return new UserLimit(builder.build(), dayBandwidth);
    }

    /** "42 秒", "3 分钟", "5 小时 12 分钟" */
    static String inWords(long seconds) {
        if (seconds < 60) {
            return " " + seconds + " 秒";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return " " + minutes + " 分钟";
        }
        return " " + minutes / 60 + " 小时" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " 分钟");
    }

    private static Consumer<LimitReached> audit(AuditLog auditLog, PlatformTransactionManager transactionManager) {
        // its own transaction: the check runs in a read-only one, which the refusal rolls back
        TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return reached -> ownTransaction.executeWithoutResult(status -> auditLog.recordAs(reached.user(), AUDIT_ACTION,
                "USER", reached.user(), null, (reached.daily() ? "perDay=" : "perMinute=") + reached.limit()
                        + ", until=" + reached.until(), reached.message()));
    }
}
