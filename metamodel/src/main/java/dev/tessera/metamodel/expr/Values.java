package dev.tessera.metamodel.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Turns the values a record holds (JSON-ready: String, BigDecimal or other numbers, Boolean, ISO
 * date text, lists) into the values expressions compute with, and back into JSON-ready values.
 */
public final class Values {
  private Values() {}

  /** A stored value as the expression type expects it; throws EvaluationException when it cannot be. */
  public static Object in(ExprType type, Object raw) {
    if (raw == null) {
      return null;
    }
    switch (type.kind()) {
      case NUMBER:
        if (raw instanceof BigDecimal d) {
          return bounded(d);
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
          return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Number n) {
          return bounded(new BigDecimal(n.toString()));
        }
        break;
      case TEXT:
        return raw instanceof String ? raw : raw.toString();
      case BOOLEAN:
        if (raw instanceof Boolean) {
          return raw;
        }
        break;
      case DATE:
        if (raw instanceof LocalDate) {
          return raw;
        }
        if (raw instanceof String s) {
          return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        }
        break;
      case DATETIME:
        if (raw instanceof OffsetDateTime) {
          return raw;
        }
        if (raw instanceof String s) {
          return OffsetDateTime.parse(s);
        }
        if (raw instanceof Instant i) {
          return i.atOffset(ZoneOffset.UTC);
        }
        if (raw instanceof Date d) {
          return d.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (raw instanceof LocalDate d) {
          return d.atStartOfDay(EvalContext.CHINA).toOffsetDateTime();
        }
        break;
      case LIST:
        if (raw instanceof List<?> l) {
          ExprType element = type.element() == null ? ExprType.ANY : type.element();
          List<Object> out = new ArrayList<>(l.size());
          for (Object o : l) {
            out.add(element.kind() == ExprType.Kind.ANY ? o : in(element, o));
          }
          return out;
        }
        break;
      default:
        return raw;
    }
    throw new EvaluationException("a value of " + raw.getClass().getSimpleName() + " is not " + type.en());
  }

  /**
   * Numbers beyond 10^40 or with more than 40 decimals are not business values; refusing them keeps
   * arithmetic cheap ({@code x + 1} on 1E+1000000 would build a million digits).
   */
  private static BigDecimal bounded(BigDecimal d) {
    if (!Limits.numberInBounds(d)) {
      throw new EvaluationException("the number " + d.toEngineeringString() + " is too large or too precise for expressions");
    }
    return d;
  }

  /** An expression result as a record stores it: dates as ISO text, numbers as BigDecimal. */
  public static Object out(Object value) {
    if (value instanceof LocalDate || value instanceof OffsetDateTime) {
      return value.toString();
    }
    return value;
  }
}
