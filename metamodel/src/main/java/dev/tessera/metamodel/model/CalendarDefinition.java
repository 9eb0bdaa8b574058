package dev.tessera.metamodel.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A working calendar ({@code calendar}): the time zone, the working days of the week, the working hours
 * of a working day, public holidays and make-up working days (调休: a weekend day worked instead). A
 * date is a working day when it is a make-up day, or a working day of the week that is not a holiday.
 * Dates, hours and zone are kept as written (the reader is lenient; a value that does not parse reads
 * as null at its index and the checks report it); {@code dev.tessera.metamodel.time.WorkingTime} computes with a
 * valid calendar. Defaults: zone {@value #DEFAULT_TIMEZONE}, Monday to Friday, 09:00–18:00.
 */
public record CalendarDefinition(String id, String name, LocalizedText label, LocalizedText description,
    String timezone, List<DayOfWeek> workingDays, List<Hours> workingHours, List<LocalDate> holidays,
    List<LocalDate> workdays) implements Definition {
  public static final String KIND = "calendar";
  /** What the reader gives for a holiday or make-up day that is not written as a date (the schema reports it). */
  public static final LocalDate UNREADABLE = LocalDate.MIN;
  public static final String DEFAULT_TIMEZONE = "Asia/Shanghai";
  public static final List<DayOfWeek> DEFAULT_WORKING_DAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
  public static final List<Hours> DEFAULT_WORKING_HOURS = List.of(new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));

  public CalendarDefinition {
    timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
    workingDays = workingDays == null ? DEFAULT_WORKING_DAYS : copy(workingDays);
    workingHours = workingHours == null ? DEFAULT_WORKING_HOURS : copy(workingHours);
    holidays = copy(holidays);
    workdays = copy(workdays);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** True when people work on {@code date} under this calendar. */
  public boolean isWorkingDay(LocalDate date) {
    if (workdays.contains(date)) {
      return true;
    }
    return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** An unchangeable copy that keeps nulls: the reader's mark of an item that did not parse, at its index. */
  private static <T> List<T> copy(List<T> items) {
    return Collections.unmodifiableList(new ArrayList<>(items));
  }

  /** Working hours of a day, {@code from} before {@code to}; null parts did not parse. */
  public record Hours(LocalTime from, LocalTime to) {}
}
