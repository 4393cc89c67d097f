package io.baobei.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The team's working days: weekdays, minus the configured holidays, plus the configured make-up days (调休). */
class WorkCalendarTest {

    /** An example week around a holiday: Thu 2026-10-01 and Fri 10-02 off, Sat 10-10 worked instead. */
    private static final WorkCalendar CALENDAR = new WorkCalendar(List.of("2026-10-01", " 2026-10-02 "),
            List.of("2026-10-10"));

    @ParameterizedTest
    @CsvSource({
            "2026-09-30, 1, 2026-10-05", // Wednesday before the holiday → the Monday after it
            "2026-09-29, 1, 2026-09-30",
            "2026-09-29, 2, 2026-10-05",
            "2026-10-09, 1, 2026-10-10", // Friday → the make-up Saturday
            "2026-10-10, 1, 2026-10-12",
            "2026-10-03, 0, 2026-10-03"})
    void countsOnlyWorkingDays(LocalDate from, int days, LocalDate expected) {
        assertThat(CALENDAR.plusWorkingDays(from, days)).isEqualTo(expected);
    }

    @Test
    void withoutConfigurationEveryWeekdayIsAWorkingDay() {
        WorkCalendar weekdays = new WorkCalendar((List<String>) null, null);
        assertThat(weekdays.isWorkingDay(LocalDate.parse("2026-10-01"))).isTrue();
        assertThat(weekdays.isWorkingDay(LocalDate.parse("2026-10-03"))).isFalse();
        assertThat(weekdays).isEqualTo(WorkCalendar.weekdays());
    }

    @Test
    void bindsFromPropertiesAndEnvironmentStyleLists() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "baobei.calendar.holidays", "2026-10-01,2026-10-02", "baobei.calendar.workdays", "2026-10-10")));
        assertThat(binder.bind("baobei.calendar", WorkCalendar.class).get()).isEqualTo(CALENDAR);
    }

    @Test
    void aMistypedOrContradictoryDateStopsTheStartWithItsName() {
        assertThatThrownBy(() -> new WorkCalendar(List.of("2026-10-32"), List.of()))
                .hasMessageContaining("baobei.calendar.holidays").hasMessageContaining("2026-10-32");
        assertThatThrownBy(() -> new WorkCalendar(List.of("2026-10-10"), List.of("2026-10-10")))
                .hasMessageContaining("both as holidays and as workdays");
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("baobei.calendar.workdays", "10/10/2026")));
        assertThatThrownBy(() -> binder.bind("baobei.calendar", WorkCalendar.class)).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("10/10/2026");
    }
}
