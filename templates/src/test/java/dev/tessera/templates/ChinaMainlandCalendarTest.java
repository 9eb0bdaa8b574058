package dev.tessera.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.CalendarJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.time.WorkingTime;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter pack's mainland China calendar: 2026 holds exactly the days off and make-up working days of
 * the State Council notice (published November 2025); 2027 holds the statutory holidays only, and its
 * description says so until the 2027 notice is added; working time skips 春节 and 国庆 and counts 调休 days.
 */
class ChinaMainlandCalendarTest {
  private static final CalendarDefinition CALENDAR = read();
  private static final WorkingTime TIME = new WorkingTime(CALENDAR);

  @Test
  void the2026NoticeIsThereDayByDay() {
    List<LocalDate> off2026 = CALENDAR.holidays().stream().filter(d -> d.getYear() == 2026).toList();
    assertEquals(33, off2026.size(), "3 + 9 + 3 + 5 + 3 + 3 + 7 days off");
    assertEquals(List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
        CALENDAR.workdays().stream().map(LocalDate::toString).toList());
    for (LocalDate w : CALENDAR.workdays()) {
      DayOfWeek d = w.getDayOfWeek();
      assertTrue(d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY, "a make-up day is a weekend day: " + w);
    }
    assertTrue(off2026.containsAll(dates("2026-02-15", "2026-02-23")), "春节 15–23 February");
    assertTrue(off2026.containsAll(dates("2026-10-01", "2026-10-07")), "国庆 1–7 October");
    assertTrue(off2026.containsAll(List.of(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 9, 27))), "中秋 25–27 September");
  }

  @Test
  void the2027DaysAreTheStatutoryHolidaysAndSayItIsNotTheNotice() {
    List<String> off2027 = CALENDAR.holidays().stream().filter(d -> d.getYear() == 2027).map(LocalDate::toString).toList();
    assertEquals(List.of("2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01",
        "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03"), off2027);
    assertTrue(CALENDAR.workdays().stream().noneMatch(d -> d.getYear() == 2027));
    assertTrue(CALENDAR.description().get("en").contains("The 2027 notice is not included yet"));
    assertTrue(CALENDAR.description().get("zh-CN").contains("2027 年的通知尚未收录"));
  }

  @Test
  void workingTimeSkipsTheHolidaysAndCountsTheMakeUpDays() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    var before = LocalDateTime.of(2026, 2, 13, 17, 0).atZone(shanghai).toInstant();
    assertEquals(LocalDateTime.of(2026, 2, 14, 10, 0).atZone(shanghai).toInstant(), TIME.plus(before, Duration.ofHours(2)));
    var eve = LocalDateTime.of(2026, 9, 30, 17, 0).atZone(shanghai).toInstant();
    assertEquals(LocalDateTime.of(2026, 10, 8, 10, 0).atZone(shanghai).toInstant(), TIME.plus(eve, Duration.ofHours(2)));
    assertFalse(TIME.isWorkingDay(LocalDate.of(2027, 2, 8)), "正月初三 2027");
    assertTrue(TIME.isWorkingDay(LocalDate.of(2027, 2, 9)));
  }

  private static List<LocalDate> dates(String from, String to) {
    return LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).toList();
  }

  private static CalendarDefinition read() {
    try (InputStream in = ChinaMainlandCalendarTest.class.getClassLoader()
        .getResourceAsStream("templates/starter/calendars/chinaMainland.json")) {
      JsonNode json = MetamodelJson.mapper().readTree(in);
      return CalendarJson.calendar(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
