package dev.tessera.metamodel.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function library's implementations (see {@link FunctionLibrary} for names and types). Every
 * function takes blanks: a blank argument gives a blank result unless the function is about blanks.
 * No function loops over more than its inputs or builds text beyond {@link Limits#MAX_TEXT_VALUE}.
 */
public final class Functions {
  private static final Pattern CN_DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

  private Functions() {}

  // ---- dates ----

  public static LocalDate today(EvalContext c) {
    return c.today();
  }

  public static OffsetDateTime now(EvalContext c) {
    return c.now();
  }

  /** Whole days from {@code a} to {@code b} (negative when b is earlier), by calendar day. */
  public static BigDecimal daysBetween(EvalContext c, Object a, Object b) {
    LocalDate x = calendarDay(c, a);
    LocalDate y = calendarDay(c, b);
    return x == null || y == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(x, y));
  }

  public static BigDecimal daysSince(EvalContext c, Object a) {
    return daysBetween(c, a, c.today());
  }

  public static BigDecimal daysUntil(EvalContext c, Object a) {
    return daysBetween(c, c.today(), a);
  }

  public static Object addDays(Object d, BigDecimal n) {
    return plus(d, n, ChronoUnit.DAYS);
  }

  public static Object addMonths(Object d, BigDecimal n) {
    return plus(d, n, ChronoUnit.MONTHS);
  }

  public static Object addYears(Object d, BigDecimal n) {
    return plus(d, n, ChronoUnit.YEARS);
  }

  private static Object plus(Object d, BigDecimal n, ChronoUnit unit) {
    if (d == null || n == null) {
      return null;
    }
    long amount;
    try {
      amount = n.setScale(0, RoundingMode.HALF_UP).longValueExact();
      return ((Temporal) d).plus(amount, unit);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new EvaluationException("the date would be out of range", e);
    }
  }

  public static BigDecimal year(EvalContext c, Object d) {
    LocalDate x = calendarDay(c, d);
    return x == null ? null : BigDecimal.valueOf(x.getYear());
  }

  public static BigDecimal month(EvalContext c, Object d) {
    LocalDate x = calendarDay(c, d);
    return x == null ? null : BigDecimal.valueOf(x.getMonthValue());
  }

  public static BigDecimal day(EvalContext c, Object d) {
    LocalDate x = calendarDay(c, d);
    return x == null ? null : BigDecimal.valueOf(x.getDayOfMonth());
  }

  /** 1 = Monday ... 7 = Sunday (ISO, as Chinese calendars count 星期一 to 星期日). */
  public static BigDecimal weekday(EvalContext c, Object d) {
    LocalDate x = calendarDay(c, d);
    return x == null ? null : BigDecimal.valueOf(x.getDayOfWeek().getValue());
  }

  public static LocalDate date(BigDecimal y, BigDecimal m, BigDecimal d) {
    if (y == null || m == null || d == null) {
      return null;
    }
    try {
      return LocalDate.of(y.intValueExact(), m.intValueExact(), d.intValueExact());
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** Reads 2026-03-08, 2026/3/8, 2026.3.8 and 2026年3月8日; blank when the text is not a date. */
  public static LocalDate toDate(String s) {
    if (s == null) {
      return null;
    }
    Matcher m = CN_DATE.matcher(s.trim());
    if (!m.matches()) {
      try {
        return OffsetDateTime.parse(s.trim()).toLocalDate();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return date(new BigDecimal(m.group(1)), new BigDecimal(m.group(2)), new BigDecimal(m.group(3)));
  }

  /** The calendar day of a date-time in the deployment's time zone. */
  public static LocalDate dateOf(EvalContext c, Object d) {
    return calendarDay(c, d);
  }

  private static LocalDate calendarDay(EvalContext c, Object d) {
    if (d instanceof OffsetDateTime t) {
      return t.atZoneSameInstant(c.zone()).toLocalDate();
    }
    return (LocalDate) d;
  }

  // ---- text ----

  public static BigDecimal len(String s) {
    return s == null ? null : BigDecimal.valueOf(s.codePointCount(0, s.length()));
  }

  public static String upper(String s) {
    return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
  }

  public static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  public static String trim(String s) {
    return s == null ? null : s.strip();
  }

  /** The first {@code n} characters. */
  public static String left(String s, BigDecimal n) {
    if (s == null || n == null) {
      return null;
    }
    int[] cps = s.codePoints().toArray();
    return new String(cps, 0, clamp(n, cps.length));
  }

  /** The last {@code n} characters. */
  public static String right(String s, BigDecimal n) {
    if (s == null || n == null) {
      return null;
    }
    int[] cps = s.codePoints().toArray();
    int k = clamp(n, cps.length);
    return new String(cps, cps.length - k, k);
  }

  /** {@code n} characters from position {@code start} (1 = the first character). */
  public static String mid(String s, BigDecimal start, BigDecimal n) {
    if (s == null || start == null || n == null) {
      return null;
    }
    int[] cps = s.codePoints().toArray();
    int from = Math.max(0, clamp(start, cps.length + 1) - 1);
    int k = Math.min(clamp(n, cps.length), cps.length - from);
    return new String(cps, from, Math.max(0, k));
  }

  private static int clamp(BigDecimal n, int max) {
    if (n.signum() <= 0) {
      return 0;
    }
    return n.compareTo(BigDecimal.valueOf(max)) >= 0 ? max : n.intValue();
  }

  public static Boolean startsWith(String s, String prefix) {
    return s == null || prefix == null ? null : s.startsWith(prefix);
  }

  public static Boolean endsWith(String s, String suffix) {
    return s == null || suffix == null ? null : s.endsWith(suffix);
  }

  /** Text contains a part, or a list contains a value. */
  public static Boolean includes(Object container, Object value) {
    if (container == null || value == null) {
      return container == null ? null : false;
    }
    if (container instanceof String s) {
      return s.contains(text(value));
    }
    return Ops.in(value, (List<?>) container);
  }

  /** Replaces every occurrence of {@code find}; refuses to build text beyond the size cap. */
  public static String replace(String s, String find, String with) {
    if (s == null || find == null || find.isEmpty()) {
      return s;
    }
    String w = with == null ? "" : with;
    long count = 0;
    for (int at = s.indexOf(find); at >= 0; at = s.indexOf(find, at + find.length())) {
      count++;
    }
    if (s.length() + count * (w.length() - find.length()) > Limits.MAX_TEXT_VALUE) {
      throw new EvaluationException("text longer than " + Limits.MAX_TEXT_VALUE + " characters");
    }
    return s.replace(find, w);
  }

  /** A value as text: numbers plainly (1500, 0.5), dates as 2026-03-08, lists joined with ", ". */
  public static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof List<?> l) {
      return join(l, ", ");
    }
    return v.toString();
  }

  /** Blank when the text is not a number. Accepts 1,234.50 and full-width digits are not numbers. */
  public static BigDecimal number(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip().replace(",", "");
    if (t.isEmpty() || t.length() > Limits.MAX_NUMBER_DIGITS + 2 || !t.matches("[+-]?\\d+(\\.\\d+)?")) {
      return null;
    }
    return new BigDecimal(t);
  }

  /** True for a blank value: null, text of only spaces, an empty list. */
  public static boolean isBlank(Object v) {
    return v == null || v instanceof String s && s.isBlank() || v instanceof List<?> l && l.isEmpty();
  }

  /** The first value that is not null. */
  public static Object coalesce(Object a, Object b) {
    return a != null ? a : b;
  }

  /** The first value that is not blank (see {@link #isBlank}). */
  public static Object ifBlank(Object a, Object b) {
    return isBlank(a) ? b : a;
  }

  // ---- numbers ----

  /** Rounds half up (0.5 → 1), as invoices do, to {@code digits} decimal places. */
  public static BigDecimal round(BigDecimal n, BigDecimal digits) {
    if (n == null || digits == null) {
      return null;
    }
    return n.setScale(Math.max(-20, Math.min(20, digits.intValue())), RoundingMode.HALF_UP);
  }

  public static BigDecimal round(BigDecimal n) {
    return round(n, BigDecimal.ZERO);
  }

  public static BigDecimal ceil(BigDecimal n) {
    return n == null ? null : n.setScale(0, RoundingMode.CEILING);
  }

  public static BigDecimal floor(BigDecimal n) {
    return n == null ? null : n.setScale(0, RoundingMode.FLOOR);
  }

  public static BigDecimal abs(BigDecimal n) {
    return n == null ? null : n.abs();
  }

  public static BigDecimal min(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.min(b);
  }

  public static BigDecimal max(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.max(b);
  }

  // ---- lists and lookup tables ----

  public static BigDecimal size(List<?> l) {
    return l == null ? BigDecimal.ZERO : BigDecimal.valueOf(l.size());
  }

  public static String join(List<?> l, String separator) {
    if (l == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Object o : l) {
      if (b.length() > 0 && separator != null) {
        b.append(separator);
      }
      String t = text(o);
      b.append(t == null ? "" : t);
      if (b.length() > Limits.MAX_TEXT_VALUE) {
        throw new EvaluationException("text longer than " + Limits.MAX_TEXT_VALUE + " characters");
      }
    }
    return b.toString();
  }

  public static BigDecimal sum(List<?> l) {
    if (l == null) {
      return null;
    }
    BigDecimal s = BigDecimal.ZERO;
    for (Object o : l) {
      if (o != null) {
        s = s.add((BigDecimal) o);
      }
    }
    return s;
  }

  /** The item at {@code position} (1 = the first); blank beyond the end. */
  public static Object at(List<?> l, BigDecimal position) {
    if (l == null || position == null || position.signum() <= 0 || position.compareTo(BigDecimal.valueOf(l.size())) > 0) {
      return null;
    }
    return l.get(position.intValue() - 1);
  }

  public static Object first(List<?> l) {
    return l == null || l.isEmpty() ? null : l.get(0);
  }

  public static Object get(Map<?, ?> m, Object key) {
    return m == null || key == null ? null : m.get(text(key));
  }

  public static Object get(Map<?, ?> m, Object key, Object otherwise) {
    Object v = get(m, key);
    return v == null ? otherwise : v;
  }
}
