package io.baobei.common;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Which days the sales team works ({@code baobei.calendar.*}): Monday to Friday, except the public holidays listed,
 * plus the weekend days listed as make-up working days (调休). China's holidays move every year (the State Council
 * announces them each winter), so they are configuration, not code; without any, every weekday is a working day.
 *
 * @param holidays days off that fall on weekdays (ISO dates, e.g. 2026-10-01)
 * @param workdays weekend days worked instead (ISO dates)
 */
@ConfigurationProperties(prefix = "baobei.calendar")
public record WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays) {

    /** As configured: ISO dates, in YAML lists or comma-separated in environment variables. */
    @ConstructorBinding
    public WorkCalendar(List<String> holidays, List<String> workdays) {
        this(days("baobei.calendar.holidays", holidays), days("baobei.calendar.workdays", workdays));
    }

    public WorkCalendar {
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
        Set<LocalDate> both = new TreeSet<>(holidays);
        both.retainAll(workdays);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("baobei.calendar: " + both + " are listed both as holidays and as workdays");
        }
    }

    /** Weekdays only: for tests and for a team that configures no holidays. */
    public static WorkCalendar weekdays() {
        return new WorkCalendar(Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !holidays.contains(day);
    }

    /** The {@code count}-th working day after {@code day} (the day itself never counts); {@code day} for 0. */
    public LocalDate plusWorkingDays(LocalDate day, int count) {
        LocalDate result = day;
        for (int added = 0; added < count; ) {
            result = result.plusDays(1);
            if (isWorkingDay(result)) {
                added++;
            }
        }
        return result;
    }

    private static Set<LocalDate> days(String property, List<String> values) {
        Set<LocalDate> days = new TreeSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                days.add(LocalDate.parse(value.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(property + ": \"" + value + "\" is not a date like 2026-10-01", e);
            }
        }
        return days;
    }
}
