package io.baobei.common;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How a moment is written in Chinese UI text and messages: "2026-11-30 10:00" in the business clock's zone. */
public final class DisplayTimes {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private DisplayTimes() {
    }

    public static String minute(Instant instant, Clock clock) {
        return MINUTE.withZone(clock.getZone()).format(instant);
    }

    public static String day(Instant instant, Clock clock) {
        return DAY.withZone(clock.getZone()).format(instant);
    }
}
