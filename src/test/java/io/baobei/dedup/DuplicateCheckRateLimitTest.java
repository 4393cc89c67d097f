package io.baobei.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.baobei.common.TooManyRequestsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The per-user limit of the duplicate-check API on a clock the test moves: windows end without waiting for them.
 * {@link DuplicateCheckApiTest} checks the same over HTTP with the application's real clock.
 */
class DuplicateCheckRateLimitTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A clock that moves only when told. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock(ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, SHANGHAI).toInstant());
    private final List<DuplicateCheckRateLimit.LimitReached> reported = new ArrayList<>();

    private DuplicateCheckRateLimit limit(Integer perMinute, Integer perDay) {
        return new DuplicateCheckRateLimit(new DedupProperties.RateLimit(perMinute, perDay), clock, reported::add);
    }

    @Test
    void theDefaultsAreSixtyAMinuteAndAThousandADay() {
        DedupProperties.RateLimit defaults = DedupProperties.defaults().rateLimit();
        assertThat(defaults.perMinute()).isEqualTo(60);
        assertThat(defaults.perDay()).isEqualTo(1000);
    }

    @Test
    void theSixtyFirstCheckOfAMinuteIsRefusedUntilTheWindowEnds() {
        DuplicateCheckRateLimit limit = limit(60, 1000);
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofMillis(500));
            limit.acquire("repA1");
        }
        TooManyRequestsException refused = catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repA1"));
        assertThat(refused).isNotNull();
        // the window started with the first check, 29.5 s ago: 30.5 s left, rounded up
        assertThat(refused.retryAfterSeconds()).isEqualTo(31);
        assertThat(refused.getMessage()).isEqualTo("查重过于频繁（每人每分钟最多 60 次），请 31 秒后再试");
        assertThatCode(() -> limit.acquire("repA2")).as("another user counts on their own").doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(30));
        assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repA1"))).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 60; i++) {
            limit.acquire("repA1");
        }
        assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repA1")).retryAfterSeconds())
                .isEqualTo(60);
    }

    @Test
    void reachingTheLimitIsReportedOncePerWindowNotPerRefusedCall() {
        DuplicateCheckRateLimit limit = limit(3, 1000);
        for (int window = 1; window <= 2; window++) {
            for (int i = 0; i < 3; i++) {
                limit.acquire("repB1");
            }
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repB1"))).isNotNull();
            }
            assertThat(reported).as("after window " + window).hasSize(window);
            clock.advance(Duration.ofMinutes(1));
        }
        DuplicateCheckRateLimit.LimitReached first = reported.get(0);
        assertThat(first.user()).isEqualTo("repB1");
        assertThat(first.daily()).isFalse();
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.message()).contains("每分钟最多 3 次");
    }

    @Test
    void theDailyCapEndsAtMidnightInTheAppsTimeZone() {
        DuplicateCheckRateLimit limit = limit(60, 100);
        for (int i = 0; i < 100; i++) {
            if (i % 60 == 59) {
                clock.advance(Duration.ofMinutes(1));
            }
            limit.acquire("repA1");
        }
        TooManyRequestsException refused = catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repA1"));
        Instant midnight = ZonedDateTime.of(2026, 11, 26, 0, 0, 0, 0, SHANGHAI).toInstant();
        assertThat(refused.retryAfterSeconds()).isEqualTo(Duration.between(clock.instant(), midnight).toSeconds());
        assertThat(refused.getMessage()).isEqualTo("今天的查重次数已用完（每人每天最多 100 次），请 13 小时 59 分钟后再试");
        assertThat(reported).singleElement().satisfies(r -> {
            assertThat(r.daily()).isTrue();
            assertThat(r.until()).isEqualTo(midnight);
        });

        clock.advance(Duration.ofHours(3));
        assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> limit.acquire("repA1"))).isNotNull();
        assertThat(reported).as("still the same window").hasSize(1);

        clock.advance(Duration.between(clock.instant(), midnight));
        assertThatCode(() -> limit.acquire("repA1")).doesNotThrowAnyException();
    }

    @Test
    void zeroSwitchesALimitOff() {
        DuplicateCheckRateLimit unlimited = limit(0, 0);
        DuplicateCheckRateLimit dailyOnly = limit(0, 200);
        for (int i = 0; i < 200; i++) {
            unlimited.acquire("boss");
            dailyOnly.acquire("boss");
        }
        assertThatCode(() -> unlimited.acquire("boss")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(TooManyRequestsException.class, () -> dailyOnly.acquire("boss")).getMessage())
                .contains("每天最多 200 次");
    }

    @Test
    void waitsReadAsSecondsMinutesOrHours() {
        assertThat(DuplicateCheckRateLimit.inWords(1)).isEqualTo(" 1 秒");
        assertThat(DuplicateCheckRateLimit.inWords(59)).isEqualTo(" 59 秒");
        assertThat(DuplicateCheckRateLimit.inWords(61)).isEqualTo(" 2 分钟");
        assertThat(DuplicateCheckRateLimit.inWords(3600)).isEqualTo(" 1 小时");
        assertThat(DuplicateCheckRateLimit.inWords(5 * 3600 + 11 * 60 + 5)).isEqualTo(" 5 小时 12 分钟");
    }
}
