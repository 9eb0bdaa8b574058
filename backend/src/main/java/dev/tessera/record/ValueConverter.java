package dev.tessera.record;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts a client-supplied value to the stored form of a field type, or explains in plain words
 * why it cannot. Pure; shared by writes and by filters (so a filter value means what a stored one does).
 */
public final class ValueConverter {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern URL = Pattern.compile("^(https?)://[^\\s/$.?#].[^\\s]*$", Pattern.CASE_INSENSITIVE);

  private ValueConverter() {}

  /** Thrown with a message naming what was expected; callers add the field. */
  public static final class BadValue extends dev.tessera.platform.LocalizedException {
    BadValue(String code, Map<String, ?> args) {
      super(RecordMessages.text(code, args));
    }
  }

  /** The stored value for {@code raw} (never null for non-null input). */
  public static Object convert(FieldDefinition field, Object raw) {
    Object v = convert(field.valueType(), raw);
    if (field.integer() && v instanceof BigDecimal b) {
      return whole(b);
    }
    return v;
  }

  /** An integer field's value: whole, within GraphQL's 32-bit Int (so every client reads it exactly). */
  private static BigDecimal whole(BigDecimal b) {
    BigDecimal s = b.stripTrailingZeros();
    if (s.scale() > 0 || s.compareTo(FieldDefinition.INT_MIN) < 0 || s.compareTo(FieldDefinition.INT_MAX) > 0) {
      throw new BadValue("NOT_WHOLE", Map.of("value", b.toPlainString(), "min", FieldDefinition.INT_MIN, "max",
          FieldDefinition.INT_MAX));
    }
    return s.setScale(0);
  }

  public static Object convert(FieldType type, Object raw) {
    if (raw == null) {
      return null;
    }
    storable(raw);
    return switch (type.storage()) {
      case NUMERIC -> number(raw);
      case BOOLEAN -> bool(raw);
      case DATE -> date(raw);
      case TIMESTAMP -> timestamp(raw);
      case ARRAY -> strings(raw);
      case JSON -> raw;
      case TEXT -> text(type, raw);
    };
  }

  /**
   * Refuses text PostgreSQL cannot store or would store changed: a NUL character, or half of a
   * surrogate pair (which would come back as "?"), anywhere in a value, lists and JSON included.
   */
  static void storable(Object raw) {
    if (raw instanceof String s) {
      int at = dev.tessera.metamodel.expr.Limits.unstorableAt(s);
      if (at >= 0) {
        throw new BadValue("UNSTORABLE", Map.of("position", s.codePointCount(0, at) + 1));
      }
    } else if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        storable(k);
        storable(v);
      });
    } else if (raw instanceof Collection<?> c) {
      c.forEach(ValueConverter::storable);
    }
  }

  private static Object text(FieldType type, Object raw) {
    if (!(raw instanceof String s)) {
      throw new BadValue("NOT_TEXT", Map.of("got", RecordMessages.kindOf(raw)));
    }
    return switch (type) {
      case EMAIL -> email(s);
      case PHONE -> phone(s);
      case URL -> url(s);
      case REFERENCE, USER, PICKLIST, STAGE -> s.trim();
      default -> s;
    };
  }

  private static String email(String s) {
    String t = s.trim();
    if (!EMAIL.matcher(t).matches()) {
      throw new BadValue("NOT_EMAIL", Map.of("value", s));
    }
    int at = t.lastIndexOf('@');
    return t.substring(0, at) + "@" + t.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
  }

  private static String phone(String s) {
    String n = PhoneNumbers.normalize(s);
    if (n == null) {
      throw new BadValue("NOT_PHONE", Map.of("value", s));
    }
    return n;
  }

  private static String url(String s) {
    String t = s.trim();
    if (!URL.matcher(t).matches()) {
      throw new BadValue("NOT_URL", Map.of("value", s));
    }
    return t;
  }

  static BigDecimal number(Object raw) {
    BigDecimal n = unbounded(raw);
    if (!dev.tessera.metamodel.expr.Limits.numberInBounds(n)) {
      throw new BadValue("NUMBER_RANGE", Map.of("max", dev.tessera.metamodel.expr.Limits.MAX_NUMBER_DIGITS));
    }
    return n;
  }

  private static BigDecimal unbounded(Object raw) {
    if (raw instanceof BigDecimal b) {
      return b;
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new BadValue("NOT_FINITE", Map.of());
      }
      return new BigDecimal(n.toString());
    }
    if (raw instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new BadValue("NOT_NUMBER", Map.of("value", s));
      }
    }
    throw new BadValue("NOT_NUMBER_TYPE", Map.of("got", RecordMessages.kindOf(raw)));
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    throw new BadValue("NOT_BOOLEAN", Map.of("got", RecordMessages.kindOf(raw)));
  }

  private static String date(Object raw) {
    LocalDate d;
    try {
      d = LocalDate.parse(raw.toString().trim());
    } catch (java.time.DateTimeException e) {
      throw new BadValue("NOT_DATE", Map.of("value", raw));
    }
    inRange(d.getYear(), raw);
    return d.toString();
  }

  /** Dates and date-times are kept to years 1 to 9999, which every database function and client reads. */
  private static void inRange(int year, Object raw) {
    if (year < 1 || year > 9999) {
      throw new BadValue("DATE_RANGE", Map.of("value", raw));
    }
  }

  private static String timestamp(Object raw) {
    OffsetDateTime t;
    try {
      t = raw instanceof OffsetDateTime given ? given : OffsetDateTime.parse(raw.toString().trim());
    } catch (java.time.DateTimeException e) {
      throw new BadValue("NOT_DATETIME", Map.of("value", raw));
    }
    inRange(t.getYear(), raw);
    OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
    inRange(utc.getYear(), raw);
    return utc.toString();
  }

  private static List<String> strings(Object raw) {
    Collection<?> c = raw instanceof Collection<?> col ? col : List.of(raw);
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Object o : c) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new BadValue("NOT_TEXT_LIST", Map.of());
      }
      out.add(s.trim());
    }
    return new ArrayList<>(out);
  }
}
