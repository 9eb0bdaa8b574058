package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * Checks and normalises a write against the entity definition. Pure: it collects every problem,
 * each naming its field, and throws one VALIDATION_FAILED carrying all of them.
 */
public final class RecordValidator {
  private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

  private RecordValidator() {}

  /**
   * The record's values after applying {@code input} to {@code before} (null on create): every value
   * converted to its stored form. Unknown fields, read-only fields and values that cannot be converted
   * fail here, together with what the field checks find in the other fields (a field a default
   * expression would fill is not reported as missing).
   */
  public static Map<String, Object> merge(EntityDefinition entity, Map<String, Object> before,
      Map<String, Object> input, boolean create) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> next = merge(entity, before == null ? Map.of() : before, input, create, errors);
    if (!errors.isEmpty()) {
      java.util.Set<String> reported = new java.util.HashSet<>();
      errors.forEach(e -> reported.add(e.field()));
      for (FieldError e : problems(entity, before, next)) {
        boolean defaulted = "REQUIRED".equals(e.code())
            && entity.field(e.field()).map(f -> f.defaultExpression() != null).orElse(false);
        if (!reported.contains(e.field()) && !defaulted) {
          errors.add(e);
        }
      }
      throw PlatformException.validation(errors);
    }
    return next;
  }

  /** What is wrong with the values of a write (required, options, transitions, bounds, formats). */
  public static List<FieldError> check(EntityDefinition entity, Map<String, Object> before, Map<String, Object> data) {
    return problems(entity, before, data);
  }

  private static Map<String, Object> merge(EntityDefinition entity, Map<String, Object> current,
      Map<String, Object> input, boolean create, List<FieldError> errors) {
    Map<String, Object> next = new LinkedHashMap<>(current);
    input.forEach((name, raw) -> {
      FieldDefinition field = entity.field(name).orElse(null);
      if (field == null) {
        errors.add(FieldError.of(name, "UNKNOWN_FIELD",
            RecordMessages.text("UNKNOWN_FIELD", Map.of("entity", RecordMessages.entity(entity), "name", name)), null));
        return;
      }
      if (field.computed() || (field.readOnly() && !create)) {
        errors.add(FieldError.of(name, "READ_ONLY", RecordMessages.text("READ_ONLY", Map.of("field", RecordMessages.field(field))), null));
        return;
      }
      if (raw == null) {
        next.remove(name);
        return;
      }
      try {
        next.put(name, ValueConverter.convert(field, raw));
      } catch (ValueConverter.BadValue e) {
        errors.add(invalid(field, e.text()));
      }
    });
    return next;
  }

  private static List<FieldError> problems(EntityDefinition entity, Map<String, Object> before,
      Map<String, Object> data) {
    List<FieldError> errors = new ArrayList<>();
    for (FieldDefinition f : entity.fields()) {
      Object v = data.get(f.name());
      if (v == null) {
        if (f.required() && !f.computed()) {
          errors.add(FieldError.of(f.name(), "REQUIRED", RecordMessages.text("REQUIRED", Map.of("field", RecordMessages.field(f))), null));
        }
        continue;
      }
      LocalizedText problem = problem(f, v, before == null ? null : before.get(f.name()));
      if (problem == null && v instanceof String s && s.length() > INDEXED_MAX && indexed(entity, f)
          && s.codePointCount(0, s.length()) > INDEXED_MAX) {
        problem = RecordMessages.text("INDEXED_TOO_LONG", Map.of("max", INDEXED_MAX));
      }
      if (problem != null) {
        errors.add(invalid(f, problem));
      }
    }
    return errors;
  }

  /**
   * Most characters of a text value in an indexed or unique field: PostgreSQL's btree keeps an index
   * entry to about 2,700 bytes, and 600 characters stay below it in any script.
   */
  public static final int INDEXED_MAX = 600;

  private static boolean indexed(EntityDefinition e, FieldDefinition f) {
    return (f.unique() || f.indexed()) && f.valueType().storage() == FieldType.Storage.TEXT
        || e.indexes().stream().anyMatch(ix -> ix.fields().contains(f.name()));
  }

  private static FieldError invalid(FieldDefinition f, LocalizedText problem) {
    return FieldError.of(f.name(), "INVALID_VALUE",
        RecordMessages.text("INVALID_VALUE", Map.of("field", RecordMessages.field(f), "problem", problem)), null);
  }

  /** What is wrong with a converted value; null when nothing. */
  private static LocalizedText problem(FieldDefinition f, Object v, Object old) {
    if (f.type() == FieldType.PICKLIST || f.type() == FieldType.STAGE || f.type() == FieldType.MULTI_PICKLIST) {
      for (Object o : v instanceof List<?> l ? l : List.of(v)) {
        if (!f.hasOption((String) o)) {
          return RecordMessages.text("NOT_AN_OPTION", Map.of("value", o, "options", values(f)));
        }
      }
      if (f.type() == FieldType.STAGE && old != null && !old.equals(v)) {
        List<String> allowed = f.transitions().get(old);
        if (allowed != null && !allowed.contains(v)) {
          return RecordMessages.text("TRANSITION", Map.of("from", old, "to", v, "allowed", allowed));
        }
      }
    }
    if (v instanceof BigDecimal n) {
      if (f.min() != null && n.compareTo(f.min()) < 0) {
        return RecordMessages.text("AT_LEAST", Map.of("min", f.min().toPlainString()));
      }
      if (f.max() != null && n.compareTo(f.max()) > 0) {
        return RecordMessages.text("AT_MOST", Map.of("max", f.max().toPlainString()));
      }
    }
    if (v instanceof String s && f.valueType().storage() == FieldType.Storage.TEXT) {
      return textProblem(f, s);
    }
    return null;
  }

  private static LocalizedText textProblem(FieldDefinition f, String s) {
    int len = s.codePointCount(0, s.length());
    if (f.min() != null && len < f.min().intValue()) {
      return RecordMessages.text("MIN_LENGTH", Map.of("min", f.min().intValue()));
    }
    if (f.max() != null && len > f.max().intValue()) {
      return RecordMessages.text("MAX_LENGTH", Map.of("max", f.max().intValue()));
    }
    if (f.pattern() != null && !PATTERNS.computeIfAbsent(f.pattern(), Pattern::compile).matcher(s).matches()) {
      return RecordMessages.text("PATTERN", Map.of("value", s));
    }
    return null;
  }

  private static List<String> values(FieldDefinition f) {
    return f.options().stream().map(o -> o.value()).toList();
  }

  /** A NOT_FOUND for a record id. */
  public static PlatformException notFound(EntityDefinition entity, Object id) {
    return new PlatformException(ErrorCode.NOT_FOUND,
        RecordMessages.text("NOT_FOUND", Map.of("entity", RecordMessages.entity(entity), "id", id)), "id");
  }
}
