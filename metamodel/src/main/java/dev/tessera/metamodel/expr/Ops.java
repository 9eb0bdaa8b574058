package dev.tessera.metamodel.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.List;

/**
 * The operators whose meaning MVEL's own would get wrong for business data: blanks (null) in
 * arithmetic give blank instead of failing, text joined with a blank stays text, division by zero
 * gives blank, numbers compare by value (1.50 == 1.5), dates compare by day. The compiler emits calls
 * to these only where an operand can be blank or where MVEL has no exact operator.
 */
public final class Ops {
  /** Division keeps 34 significant digits (IEEE decimal128), plenty for money. */
  public static final MathContext DIVISION = MathContext.DECIMAL128;

  private Ops() {}

  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.add(b);
  }

  public static BigDecimal sub(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.subtract(b);
  }

  public static BigDecimal mul(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.multiply(b);
  }

  public static BigDecimal div(BigDecimal a, BigDecimal b) {
    return a == null || b == null || b.signum() == 0 ? null : a.divide(b, DIVISION).stripTrailingZeros();
  }

  public static BigDecimal rem(BigDecimal a, BigDecimal b) {
    return a == null || b == null || b.signum() == 0 ? null : a.remainder(b);
  }

  public static BigDecimal neg(BigDecimal a) {
    return a == null ? null : a.negate();
  }

  /** Text + anything: blanks count as empty text, numbers are written plainly (1500, not 1.5E+3). */
  public static String concat(Object a, Object b) {
    String s = Functions.text(a);
    String t = Functions.text(b);
    s = s == null ? "" : s;
    t = t == null ? "" : t;
    if ((long) s.length() + t.length() > Limits.MAX_TEXT_VALUE) {
      throw new EvaluationException("text longer than " + Limits.MAX_TEXT_VALUE + " characters");
    }
    return s.concat(t);
  }

  public static boolean eq(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof LocalDate || b instanceof LocalDate || a instanceof OffsetDateTime) {
      return compare(a, b) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  public static boolean ne(Object a, Object b) {
    return !eq(a, b);
  }

  public static boolean lt(Object a, Object b) {
    return a != null && b != null && compare(a, b) < 0;
  }

  public static boolean le(Object a, Object b) {
    return a != null && b != null && compare(a, b) <= 0;
  }

  public static boolean gt(Object a, Object b) {
    return a != null && b != null && compare(a, b) > 0;
  }

  public static boolean ge(Object a, Object b) {
    return a != null && b != null && compare(a, b) >= 0;
  }

  /** Membership: {@code value in list}; a blank value is in no list. */
  public static boolean in(Object value, List<?> list) {
    if (value == null || list == null) {
      return false;
    }
    for (Object o : list) {
      if (eq(value, o)) {
        return true;
      }
    }
    return false;
  }

  /** Null-safe truth: a blank condition is false. */
  public static boolean truth(Boolean b) {
    return b != null && b;
  }

  // Typed views of the functions that work on several types (coalesce, get, addDays, ...), so MVEL's
  // strong typing knows what they give; the compiler has already proved the type.

  public static BigDecimal asNumber(Object o) {
    return (BigDecimal) o;
  }

  public static String asText(Object o) {
    return (String) o;
  }

  public static Boolean asBoolean(Object o) {
    return (Boolean) o;
  }

  public static LocalDate asDate(Object o) {
    return (LocalDate) o;
  }

  public static OffsetDateTime asDatetime(Object o) {
    return (OffsetDateTime) o;
  }

  public static List<?> asList(Object o) {
    return (List<?>) o;
  }

  public static java.util.Map<?, ?> asMap(Object o) {
    return (java.util.Map<?, ?>) o;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof LocalDate x && b instanceof OffsetDateTime y) {
      return x.compareTo(y.toLocalDate());
    }
    if (a instanceof OffsetDateTime x && b instanceof LocalDate y) {
      return x.toLocalDate().compareTo(y);
    }
    if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
      return x.toInstant().compareTo(y.toInstant());
    }
    if (a instanceof Temporal && !(b instanceof Temporal) || a instanceof Comparable && a.getClass() != b.getClass()) {
      throw new EvaluationException("cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
    }
    return ((Comparable) a).compareTo(b);
  }
}
