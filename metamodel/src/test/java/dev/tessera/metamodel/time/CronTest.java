package dev.tessera.metamodel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The cron of flow schedules: fields, lists, ranges, steps and names; the next time after a given one
 * in Asia/Shanghai (no daylight saving) and in a zone with it; refused expressions say which field.
 */
class CronTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static ZonedDateTime at(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SHANGHAI);
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource({
      "0 9 * * *,        2026-03-10T08:59,    2026-03-10T09:00",
      "0 9 * * *,        2026-03-10T09:00,    2026-03-11T09:00",
      "*/15 * * * *,     2026-03-10T10:07:30, 2026-03-10T10:15",
      "0 9 * * 1-5,      2026-03-13T09:00,    2026-03-16T09:00",
      "0 9 * * MON-FRI,  2026-03-14T00:00,    2026-03-16T09:00",
      "'30 8,12,18 * * *', 2026-03-10T12:30,    2026-03-10T18:30",
      "0 0 1 * *,        2026-01-31T12:00,    2026-02-01T00:00",
      "0 0 29 2 *,       2026-03-01T00:00,    2028-02-29T00:00",
      "0 10 1 10 *,      2026-10-01T10:00,    2027-10-01T10:00",
      "0 9 * * 0,        2026-03-10T00:00,    2026-03-15T09:00",
      "0 9 * * 7,        2026-03-10T00:00,    2026-03-15T09:00",
      "0 9 * * SUN,      2026-03-10T00:00,    2026-03-15T09:00",
      "0 9 1 * 1,        2026-06-01T10:00,    2026-06-08T09:00",
      "0 0-12/6 * * *,   2026-03-10T06:00,    2026-03-10T12:00",
      "5/20 * * * *,     2026-03-10T10:46,    2026-03-10T11:05",
      "59 23 31 DEC *,   2026-12-31T23:58,    2026-12-31T23:59",
      "0 0 * JAN-MAR/2 *, 2026-02-10T00:00,   2026-03-01T00:00"})
  void nextTimeInShanghai(String cron, String after, String expected) {
    assertEquals(at(expected), Cron.parse(cron).next(at(after)));
  }

  @Test
  void aGapOfDaylightSavingIsSkippedAndAnOverlapFiresOnce() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    Cron halfPastTwo = Cron.parse("30 2 * * *");
    ZonedDateTime beforeGap = ZonedDateTime.of(2026, 3, 29, 0, 0, 0, 0, paris);
    assertEquals(ZonedDateTime.of(2026, 3, 30, 2, 30, 0, 0, paris), halfPastTwo.next(beforeGap), "02:30 does not exist on 29 March");
    ZonedDateTime beforeOverlap = ZonedDateTime.of(2026, 10, 25, 0, 0, 0, 0, paris);
    ZonedDateTime first = halfPastTwo.next(beforeOverlap);
    assertEquals(2, first.getHour());
    ZonedDateTime second = halfPastTwo.next(first);
    assertTrue(second.isAfter(first));
    assertTrue(halfPastTwo.next(first).getDayOfMonth() >= 25);
  }

  @Test
  void aScheduleThatNeverFiresHasNoNextTime() {
    assertNull(Cron.parse("0 0 30 2 *").next(at("2026-01-01T00:00")));
  }

  @ParameterizedTest(name = "{0}: field {1}")
  @CsvSource({"61 9 * * *, MINUTE", "0 24 * * *, HOUR", "0 9 0 * *, DAY_OF_MONTH", "0 9 * 13 *, MONTH", "0 9 * * 8, DAY_OF_WEEK",
      "0 9 5-1 * *, DAY_OF_MONTH", "*/0 * * * *, MINUTE", "0 9 * FOO *, MONTH", "a * * * *, MINUTE", "'0 9 1,,2 * *', DAY_OF_MONTH"})
  void aWrongFieldIsNamed(String cron, Cron.Field field) {
    Cron.InvalidCronException e = assertThrows(Cron.InvalidCronException.class, () -> Cron.parse(cron));
    assertEquals(field, e.field());
  }

  @Test
  void theWrongCountOfFieldsIsRefused() {
    for (String cron : new String[] {"0 9 * *", "0 9 * * * *", "", "   "}) {
      assertNull(assertThrows(Cron.InvalidCronException.class, () -> Cron.parse(cron)).field(), cron);
    }
  }

  /** Seeded: every next time matches the fields, lies after the time given, and no matching minute is skipped. */
  @Test
  void nextIsTheFirstMatchingMinute() {
    Random random = new Random(20261207);
    String[] crons = {"*/7 * * * *", "0 9-18 * * 1-5", "15 */3 1,15 * *", "0 0 * * 6", "0 12 13 * 5"};
    for (int i = 0; i < 300; i++) {
      String cron = crons[random.nextInt(crons.length)];
      Cron c = Cron.parse(cron);
      ZonedDateTime from = at("2026-01-01T00:00").plusMinutes(random.nextInt(60 * 24 * 400));
      ZonedDateTime next = c.next(from);
      assertTrue(next.isAfter(from));
      assertTrue(c.matches(next) && next.getSecond() == 0, cron + " " + next);
      for (ZonedDateTime m = from.plusMinutes(1).withSecond(0).withNano(0); m.isBefore(next); m = m.plusMinutes(1)) {
        assertTrue(!c.matches(m), cron + " skipped " + m + " before " + next);
      }
    }
  }

  @Test
  void weekdaysAreCountedFromSunday() {
    ZonedDateTime next = Cron.parse("0 9 * * 1").next(at("2026-03-10T00:00"));
    assertEquals(DayOfWeek.MONDAY, next.getDayOfWeek());
  }
}
