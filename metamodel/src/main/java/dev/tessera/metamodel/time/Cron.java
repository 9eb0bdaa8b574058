package dev.tessera.metamodel.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A 5-field cron expression, as schedules of flows write it: {@code minute hour day-of-month month
 * day-of-week}. Each field is {@code *}, a value, a range {@code a-b}, a step {@code *}{@code /n},
 * {@code a-b/n} or {@code a/n}, or a comma list of those; months may be written {@code JAN}–{@code DEC}
 * and days of the week {@code SUN}–{@code SAT} (0 and 7 are Sunday). As in the classic cron, when both
 * day fields are restricted a day matches either of them. Immutable; {@link #next} gives the next time
 * it fires in the zone of the time given.
 */
public final class Cron {
  /** What each field is called and allows, for messages. */
  public enum Field {
    MINUTE(0, 59), HOUR(0, 23), DAY_OF_MONTH(1, 31), MONTH(1, 12), DAY_OF_WEEK(0, 7);

    public final int min;
    public final int max;

    Field(int min, int max) {
      this.min = min;
      this.max = max;
    }
  }

  /** How far {@link #next} looks ahead: a schedule that does not fire within it never does (February 30). */
  static final int MAX_YEARS = 8;
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
      "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String source;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String source, BitSet[] fields, boolean anyDayOfMonth, boolean anyDayOfWeek) {
    this.source = source;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /** A cron expression that cannot be read: which field (null when the count of fields is wrong) and its text. */
  public static final class InvalidCronException extends IllegalArgumentException {
    private final Field field;
    private final String part;

    InvalidCronException(Field field, String part) {
      super(field == null ? "a cron expression has 5 fields" : "cron " + field + " '" + part + "' is not valid");
      this.field = field;
      this.part = part;
    }

    /** The field that is wrong; null when the expression does not have 5 fields. */
    public Field field() {
      return field;
    }

    public String part() {
      return part;
    }
  }

  /** Reads {@code source}; throws {@link InvalidCronException} saying which field is wrong. */
  public static Cron parse(String source) {
    String[] parts = source == null ? new String[0] : source.trim().split("\\s+");
    if (parts.length != 5 || parts[0].isEmpty()) {
      throw new InvalidCronException(null, source);
    }
    BitSet[] fields = new BitSet[5];
    Field[] kinds = Field.values();
    for (int i = 0; i < 5; i++) {
      fields[i] = field(kinds[i], parts[i].toUpperCase(Locale.ROOT));
    }
    if (fields[4].get(7)) {
      fields[4].set(0);
      fields[4].clear(7);
    }
    return new Cron(source, fields, parts[2].equals("*"), parts[4].equals("*"));
  }

  private static BitSet field(Field f, String text) {
    BitSet out = new BitSet();
    for (String item : text.split(",", -1)) {
      item(f, item, text, out);
    }
    return out;
  }

  private static void item(Field f, String item, String text, BitSet out) {
    String[] stepped = item.split("/", -1);
    if (stepped.length > 2 || item.isEmpty()) {
      throw new InvalidCronException(f, text);
    }
    int step = stepped.length == 2 ? number(f, stepped[1], text, 1, f.max + 1) : 1;
    String range = stepped[0];
    int from;
    int to;
    if (range.equals("*")) {
      from = f.min;
      to = f == Field.DAY_OF_WEEK ? 6 : f.max;
    } else if (range.contains("-")) {
      String[] ends = range.split("-", -1);
      if (ends.length != 2) {
        throw new InvalidCronException(f, text);
      }
      from = value(f, ends[0], text);
      to = value(f, ends[1], text);
      if (from > to) {
        throw new InvalidCronException(f, text);
      }
    } else {
      from = value(f, range, text);
      to = stepped.length == 2 ? (f == Field.DAY_OF_WEEK ? 6 : f.max) : from;
    }
    for (int v = from; v <= to; v += step) {
      out.set(v);
    }
  }

  private static int value(Field f, String s, String text) {
    List<String> names = f == Field.MONTH ? MONTHS : f == Field.DAY_OF_WEEK ? DAYS : List.of();
    int named = names.indexOf(s);
    if (named >= 0) {
      return f == Field.MONTH ? named + 1 : named;
    }
    return number(f, s, text, f.min, f.max);
  }

  private static int number(Field f, String s, String text, int min, int max) {
    if (!s.matches("[0-9]{1,2}")) {
      throw new InvalidCronException(f, text);
    }
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw new InvalidCronException(f, text);
    }
    return v;
  }

  /**
   * The first time after {@code after} (strictly, at a whole minute) when the schedule fires, in the
   * zone of {@code after}; null when it never fires within {@value #MAX_YEARS} years. A local time that
   * a daylight-saving gap skips does not fire; in an overlap the earlier instant fires.
   */
  public ZonedDateTime next(ZonedDateTime after) {
    LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    LocalDate last = start.toLocalDate().plusYears(MAX_YEARS);
    for (LocalDate day = start.toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (!matchesDay(day)) {
        continue;
      }
      ZonedDateTime found = firstTime(day, after);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private ZonedDateTime firstTime(LocalDate day, ZonedDateTime after) {
    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
      for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
        List<ZoneOffset> offsets = after.getZone().getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
          continue;
        }
        ZonedDateTime at = ZonedDateTime.ofLocal(local, after.getZone(), offsets.get(0));
        if (at.isAfter(after)) {
          return at;
        }
        if (offsets.size() > 1) {
          ZonedDateTime later = ZonedDateTime.ofLocal(local, after.getZone(), offsets.get(1));
          if (later.isAfter(after)) {
            return later;
          }
        }
      }
    }
    return null;
  }

  /** True when the schedule fires at the minute of {@code t} (in its zone's local time). */
  public boolean matches(ZonedDateTime t) {
    return matchesDay(t.toLocalDate()) && hours.get(t.getHour()) && minutes.get(t.getMinute());
  }

  /** True when the schedule fires on {@code day} (at some time). */
  public boolean matchesDay(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  @Override
  public String toString() {
    return source;
  }
}
