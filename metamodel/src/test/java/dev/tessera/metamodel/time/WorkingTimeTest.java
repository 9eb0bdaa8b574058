package dev.tessera.metamodel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.json.CalendarJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.CalendarDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Working time under a calendar: examples around 国庆 and 春节 2026 with their 调休 weekends (the dates
 * of the State Council notice), a lunch break, a 24-hour calendar, and seeded properties (sums of
 * durations, the working time between start and end, landing inside working time) on random starts.
 */
class WorkingTimeTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Mainland China 2026, 09:00–18:00 without break: 春节 2-15..2-23 (2-14, 2-28 worked), 国庆 10-01..10-07 (9-20, 10-10 worked). */
  private static final WorkingTime CHINA = calendar("""
      {"kind": "calendar", "name": "cn", "workingHours": [{"from": "09:00", "to": "18:00"}],
       "holidays": ["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
                    "2026-02-22", "2026-02-23", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
                    "2026-10-06", "2026-10-07"],
       "workdays": ["2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"]}
      """);
  private static final WorkingTime LUNCH = calendar("""
      {"kind": "calendar", "name": "l", "workingHours": [{"from": "09:00", "to": "12:00"}, {"from": "13:30", "to": "18:00"}]}
      """);

  static WorkingTime calendar(String json) {
    try {
      CalendarDefinition c = CalendarJson.calendar(MetamodelJson.mapper().readTree(json));
      return new WorkingTime(c);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void nationalDayIsSkippedAndItsMakeUpWeekendsAreWorked() {
    assertEquals(at("2026-10-08T10:00"), CHINA.plus(at("2026-09-30T17:00"), Duration.ofHours(2)));
    assertTrue(CHINA.isWorkingTime(at("2026-09-20T10:00")), "Sunday 20 September is worked (调休)");
    assertTrue(CHINA.isWorkingTime(at("2026-10-10T09:00")), "Saturday 10 October is worked (调休)");
    assertFalse(CHINA.isWorkingTime(at("2026-10-05T10:00")));
    assertFalse(CHINA.isWorkingTime(at("2026-10-11T10:00")), "an ordinary Sunday");
    assertEquals(at("2026-09-20T10:00"), CHINA.plus(at("2026-09-19T12:00"), Duration.ofHours(1)));
    assertEquals(at("2026-10-10T10:00"), CHINA.plusWorkingDays(at("2026-10-09T10:00"), 1));
    assertEquals(at("2026-10-10T10:00"), CHINA.plusWorkingDays(at("2026-09-30T10:00"), 3), "8, 9 and 10 October");
  }

  @Test
  void springFestivalIsSkippedAndItsMakeUpSaturdaysAreWorked() {
    assertEquals(at("2026-02-14T10:00"), CHINA.plus(at("2026-02-13T17:00"), Duration.ofHours(2)));
    assertEquals(at("2026-02-24T10:00"), CHINA.plus(at("2026-02-14T17:00"), Duration.ofHours(2)));
    assertEquals(at("2026-02-24T15:00"), CHINA.plusWorkingDays(at("2026-02-12T15:00"), 3));
    assertEquals(Duration.ofHours(9 * 2), CHINA.between(at("2026-02-13T09:00"), at("2026-02-24T09:00")));
    assertTrue(CHINA.isWorkingDay(LocalDate.of(2026, 2, 28)));
    assertFalse(CHINA.isWorkingDay(LocalDate.of(2026, 3, 1)));
  }

  @Test
  void aDurationEndingWithTheDayEndsAtItsEnd() {
    assertEquals(at("2026-03-10T18:00"), CHINA.plus(at("2026-03-10T09:00"), Duration.ofHours(9)));
    assertEquals(at("2026-03-11T09:01"), CHINA.plus(at("2026-03-10T09:00"), Duration.ofHours(9).plusMinutes(1)));
    assertEquals(at("2026-03-10T07:00"), CHINA.plus(at("2026-03-10T07:00"), Duration.ZERO));
  }

  @Test
  void theLunchBreakDoesNotCount() {
    assertEquals(at("2026-03-10T14:30"), LUNCH.plus(at("2026-03-10T11:00"), Duration.ofHours(2)));
    assertFalse(LUNCH.isWorkingTime(at("2026-03-10T12:30")));
    assertEquals(Duration.ofMinutes(450), LUNCH.between(at("2026-03-10T00:00"), at("2026-03-11T00:00")));
  }

  @Test
  void aRoundTheClockCalendarCountsWholeDays() {
    WorkingTime always = calendar("""
        {"kind": "calendar", "name": "a", "workingDays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
         "workingHours": [{"from": "00:00", "to": "24:00"}]}
        """);
    Instant start = at("2026-03-10T15:20");
    assertEquals(start.plus(Duration.ofDays(3)), always.plus(start, Duration.ofDays(3)));
    assertTrue(always.isWorkingTime(at("2026-03-10T23:59:59")));
  }

  @Test
  void aCalendarWithoutWorkingTimeNeverEnds() {
    WorkingTime never = calendar("{\"kind\": \"calendar\", \"name\": \"n\", \"workingDays\": []}");
    assertThrows(IllegalStateException.class, () -> never.plus(at("2026-03-10T10:00"), Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> CHINA.plus(at("2026-03-10T10:00"), Duration.ofHours(-1)));
  }

  /** Seeded properties on random starts in 2026: the result holds exactly the working time asked for, and sums add up. */
  @Test
  void seededPropertiesHold() {
    Random random = new Random(46_0047L);
    for (WorkingTime w : new WorkingTime[] {CHINA, LUNCH}) {
      for (int i = 0; i < 500; i++) {
        Instant start = at("2026-01-01T00:00").plusSeconds(random.nextInt(365 * 24 * 60) * 60L);
        Duration a = Duration.ofMinutes(random.nextInt(60 * 40));
        Duration b = Duration.ofMinutes(random.nextInt(60 * 40));
        Instant end = w.plus(start, a);
        assertEquals(a, w.between(start, end), "working time between start and end " + start + " + " + a);
        assertEquals(w.plus(start, a.plus(b)), w.plus(end, b), "additive from " + start);
        assertFalse(end.isBefore(start));
        if (!a.isZero()) {
          assertTrue(w.isWorkingTime(end.minusSeconds(1)), "the last second counted is working time: " + end);
        }
        int days = random.nextInt(10);
        Instant due = w.plusWorkingDays(start, days);
        LocalDate dueDay = due.atZone(SHANGHAI).toLocalDate();
        assertEquals(start.atZone(SHANGHAI).toLocalTime(), due.atZone(SHANGHAI).toLocalTime());
        assertEquals(days, workingDaysAfter(w, start.atZone(SHANGHAI).toLocalDate(), dueDay));
        assertTrue(days == 0 || w.isWorkingDay(dueDay));
      }
    }
  }

  private static int workingDaysAfter(WorkingTime w, LocalDate from, LocalDate to) {
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      n += w.isWorkingDay(d) ? 1 : 0;
    }
    return n;
  }
}
