package dev.tessera.metamodel.time;

import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.CalendarDefinition.Hours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Working time under a {@link CalendarDefinition}: whether an instant is working time, the instant a
 * working-time duration ends ("4 working hours from now"), the instant N working days later, and the
 * working time between two instants. A day is a working day when it is a make-up working day (调休), or a
 * working day of the week that is not a holiday; its working time is its working periods in the
 * calendar's zone. Pure and immutable: build one per calendar and share it. The calendar must be valid
 * (as publishing ensures).
 */
public final class WorkingTime {
  /** The farthest a computation looks: a calendar with no working day in 20 years has none. */
  static final int MAX_DAYS = 366 * 20;

  private final ZoneId zone;
  private final Set<DayOfWeek> weekdays;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> workdays;
  private final List<Hours> hours;

  public WorkingTime(CalendarDefinition calendar) {
    this.zone = ZoneId.of(calendar.timezone());
    this.weekdays = calendar.workingDays().isEmpty() ? EnumSet.noneOf(DayOfWeek.class)
        : EnumSet.copyOf(calendar.workingDays());
    this.holidays = Set.copyOf(calendar.holidays());
    this.workdays = Set.copyOf(calendar.workdays());
    this.hours = List.copyOf(calendar.workingHours());
  }

  public ZoneId zone() {
    return zone;
  }

  /** True when people work on {@code date}. */
  public boolean isWorkingDay(LocalDate date) {
    return workdays.contains(date) || weekdays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** True when {@code t} falls in a working period of a working day (a period includes its start, not its end). */
  public boolean isWorkingTime(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate();
    for (Period p : periods(day)) {
      if (!t.isBefore(p.start) && t.isBefore(p.end)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The instant when {@code duration} of working time, counted from {@code start}, has passed: time
   * outside working periods does not count. A duration that ends with a period ends at that period's
   * end (18:00, not 09:00 the next working day). Zero gives {@code start}.
   */
  public Instant plus(Instant start, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a working-time duration cannot be negative: " + duration);
    }
    if (duration.isZero()) {
      return start;
    }
    Duration left = duration;
    LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Period p : periods(day)) {
        Instant from = p.start.isAfter(start) ? p.start : start;
        if (!from.isBefore(p.end)) {
          continue;
        }
        Duration here = Duration.between(from, p.end);
        if (here.compareTo(left) >= 0) {
          return from.plus(left);
        }
        left = left.minus(here);
      }
    }
    throw new IllegalStateException("the calendar has no working time within " + MAX_DAYS + " days");
  }

  /**
   * The same local time of day on the {@code days}-th working day after {@code start}'s date (the next
   * working day is the first): "due in 3 working days". Zero gives {@code start}.
   */
  public Instant plusWorkingDays(Instant start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("working days cannot be negative: " + days);
    }
    ZonedDateTime at = start.atZone(zone);
    LocalDate day = at.toLocalDate();
    int found = 0;
    for (int i = 0; found < days; i++) {
      if (i > MAX_DAYS) {
        throw new IllegalStateException("the calendar has no working day within " + MAX_DAYS + " days");
      }
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        found++;
      }
    }
    return ZonedDateTime.of(day, at.toLocalTime(), zone).toInstant();
  }

  /** The working time between {@code from} and {@code to} (zero when {@code to} is not after {@code from}). */
  public Duration between(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    if (!to.isAfter(from)) {
      return total;
    }
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
      for (Period p : periods(day)) {
        Instant a = p.start.isAfter(from) ? p.start : from;
        Instant b = p.end.isBefore(to) ? p.end : to;
        if (a.isBefore(b)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  /** One working period as instants. */
  private record Period(Instant start, Instant end) {}

  /** The working periods of {@code day} (none on a day off), in order. */
  private List<Period> periods(LocalDate day) {
    List<Period> out = new ArrayList<>();
    if (!isWorkingDay(day)) {
      return out;
    }
    for (Hours h : hours) {
      Instant start = ZonedDateTime.of(day, h.from(), zone).toInstant();
      Instant end = h.to().equals(LocalTime.MAX) ? day.plusDays(1).atStartOfDay(zone).toInstant()
          : ZonedDateTime.of(day, h.to(), zone).toInstant();
      if (start.isBefore(end)) {
        out.add(new Period(start, end));
      }
    }
    return out;
  }
}
