package dev.tessera.record;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
  public static final class BadValue extends RuntimeException {
    private final String zh;

    public BadValue(String message, String zh) {
      super(message);
      this.zh = zh;
    }

    public String zh() {
      return zh;
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
      throw new BadValue(b.toPlainString() + " is not a whole number from " + FieldDefinition.INT_MIN + " to "
          + FieldDefinition.INT_MAX, b.toPlainString() + " 不是 " + FieldDefinition.INT_MIN + " 到 "
          + FieldDefinition.INT_MAX + " 之间的整数");
    }
    return s.setScale(0);
  }

  public static Object convert(FieldType type, Object raw) {
    if (raw == null) {
      return null;
    }
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

  private static Object text(FieldType type, Object raw) {
    if (!(raw instanceof String s)) {
      throw new BadValue("expected text, got " + describe(raw), "应为文本");
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
      throw new BadValue("\"" + s + "\" is not an email address", "“" + s + "”不是有效的邮箱地址");
    }
    int at = t.lastIndexOf('@');
    return t.substring(0, at) + "@" + t.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
  }

  private static String phone(String s) {
    String n = PhoneNumbers.normalize(s);
    if (n == null) {
      throw new BadValue("\"" + s + "\" is not a phone number", "“" + s + "”不是有效的电话号码");
    }
    return n;
  }

  private static String url(String s) {
    String t = s.trim();
    if (!URL.matcher(t).matches()) {
      throw new BadValue("\"" + s + "\" is not a web address (http:// or https://)",
          "“" + s + "”不是有效的网址（以 http:// 或 https:// 开头）");
    }
    return t;
  }

  static BigDecimal number(Object raw) {
    if (raw instanceof BigDecimal b) {
      return b;
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new BadValue("expected a number", "应为数字");
      }
      return new BigDecimal(n.toString());
    }
    if (raw instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new BadValue("\"" + s + "\" is not a number", "“" + s + "”不是数字");
      }
    }
    throw new BadValue("expected a number, got " + describe(raw), "应为数字");
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    throw new BadValue("expected true or false, got " + describe(raw), "应为“是”或“否”");
  }

  private static String date(Object raw) {
    try {
      return LocalDate.parse(raw.toString().trim()).toString();
    } catch (DateTimeParseException e) {
      throw new BadValue("\"" + raw + "\" is not a date (YYYY-MM-DD)", "“" + raw + "”不是日期（格式 YYYY-MM-DD）");
    }
  }

  private static String timestamp(Object raw) {
    if (raw instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
    try {
      return OffsetDateTime.parse(raw.toString().trim()).withOffsetSameInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      throw new BadValue("\"" + raw + "\" is not a date-time with offset (e.g. 2026-01-31T09:30:00+08:00)",
          "“" + raw + "”不是带时区的日期时间（例如 2026-01-31T09:30:00+08:00）");
    }
  }

  private static List<String> strings(Object raw) {
    Collection<?> c = raw instanceof Collection<?> col ? col : List.of(raw);
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Object o : c) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new BadValue("expected a list of texts", "应为文本列表");
      }
      out.add(s.trim());
    }
    return new ArrayList<>(out);
  }

  static String describe(Object raw) {
    if (raw instanceof Map) {
      return "an object";
    }
    if (raw instanceof Collection) {
      return "a list";
    }
    return raw instanceof String ? "text" : raw.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
