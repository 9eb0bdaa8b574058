package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.CalendarDefinition.Hours;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic checks of a working calendar: the time zone exists; every holiday and make-up day is a real
 * date (2026-02-30 is not); no date is both; working periods start before they end, in order, without
 * overlap; and someone works at all. Messages: {@code messages/calendar.properties}.
 */
final class CalendarValidator {
  private CalendarValidator() {}

  static List<Problem> validate(CalendarDefinition d, String base, ValidationContext ctx) {
    List<Problem> out = new ArrayList<>();
    try {
      ZoneId.of(d.timezone());
    } catch (DateTimeException e) {
      out.add(Problem.of(ProblemCode.INVALID_VALUE, base + ".timezone", CalendarMessage.UNKNOWN_TIMEZONE, "zone", d.timezone()));
    }
    dates(d.holidays(), base + ".holidays", out);
    dates(d.workdays(), base + ".workdays", out);
    for (int i = 0; i < d.workdays().size(); i++) {
      LocalDate w = d.workdays().get(i);
      if (w != null && d.holidays().contains(w)) {
        out.add(Problem.of(ProblemCode.CONFLICT, base + ".workdays[" + i + "]", CalendarMessage.HOLIDAY_AND_WORKDAY,
            "date", w));
      }
    }
    hours(d.workingHours(), base + ".workingHours", out);
    if (d.workingDays().stream().allMatch(x -> x == null) && d.workdays().isEmpty()) {
      out.add(Problem.of(ProblemCode.INVALID_VALUE, base + ".workingDays", CalendarMessage.NO_WORKING_DAYS));
    }
    return out;
  }

  /** The schema checks the form (2026-10-01); the reader leaves a day that does not exist as null, reported here. */
  private static void dates(List<LocalDate> dates, String at, List<Problem> out) {
    for (int i = 0; i < dates.size(); i++) {
      if (dates.get(i) == null) {
        out.add(Problem.of(ProblemCode.INVALID_VALUE, at + "[" + i + "]", CalendarMessage.NOT_A_DATE));
      }
    }
  }

  private static void hours(List<Hours> hours, String at, List<Problem> out) {
    LocalTime previous = null;
    for (int i = 0; i < hours.size(); i++) {
      Hours h = hours.get(i);
      if (h.from() == null || h.to() == null) {
        continue;
      }
      if (!h.from().isBefore(h.to())) {
        out.add(Problem.of(ProblemCode.INVALID_OPTION, at + "[" + i + "]", CalendarMessage.HOURS_NOT_ORDERED, "from",
            h.from(), "to", shown(h.to())));
      } else if (previous != null && h.from().isBefore(previous)) {
        out.add(Problem.of(ProblemCode.INVALID_OPTION, at + "[" + i + "].from", CalendarMessage.HOURS_OVERLAP, "from",
            h.from(), "previous", shown(previous)));
      }
      previous = h.to();
    }
  }

  private static String shown(LocalTime t) {
    return t.equals(LocalTime.MAX) ? "24:00" : t.toString();
  }
}
