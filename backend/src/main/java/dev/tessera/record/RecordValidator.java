package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
        errors.add(new FieldError(name, "UNKNOWN_FIELD", "Field \"" + name + "\" does not exist on " + entity.name(),
            entity.label().get("zh-CN") + "没有字段“" + name + "”"));
        return;
      }
      if (field.computed() || (field.readOnly() && !create)) {
        errors.add(new FieldError(name, "READ_ONLY", en(field) + " is read-only", zh(field) + "是只读字段，不能修改"));
        return;
      }
      if (raw == null) {
        next.remove(name);
        return;
      }
      try {
        next.put(name, ValueConverter.convert(field, raw));
      } catch (ValueConverter.BadValue e) {
        errors.add(new FieldError(name, "INVALID_VALUE", en(field) + ": " + e.getMessage(), zh(field) + "：" + e.zh()));
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
          errors.add(new FieldError(f.name(), "REQUIRED", en(f) + " is required", zh(f) + "为必填项"));
        }
        continue;
      }
      String[] problem = problem(f, v, before == null ? null : before.get(f.name()));
      if (problem != null) {
        errors.add(new FieldError(f.name(), "INVALID_VALUE", en(f) + ": " + problem[0], zh(f) + "：" + problem[1]));
      }
    }
    return errors;
  }

  /** What is wrong with a converted value, in English and Chinese; null when nothing. */
  private static String[] problem(FieldDefinition f, Object v, Object old) {
    if (f.type() == FieldType.PICKLIST || f.type() == FieldType.STAGE || f.type() == FieldType.MULTI_PICKLIST) {
      for (Object o : v instanceof List<?> l ? l : List.of(v)) {
        if (!f.hasOption((String) o)) {
          return new String[] {"\"" + o + "\" is not one of the allowed values " + values(f),
              "“" + o + "”不是可选值之一 " + values(f)};
        }
      }
      if (f.type() == FieldType.STAGE && old != null && !old.equals(v)) {
        List<String> allowed = f.transitions().get(old);
        if (allowed != null && !allowed.contains(v)) {
          return new String[] {"cannot move from \"" + old + "\" to \"" + v + "\" (allowed: " + allowed + ")",
              "不能从“" + old + "”变更为“" + v + "”（允许：" + allowed + "）"};
        }
      }
    }
    if (v instanceof BigDecimal n) {
      if (f.min() != null && n.compareTo(f.min()) < 0) {
        return new String[] {"must be at least " + f.min().toPlainString(), "不能小于 " + f.min().toPlainString()};
      }
      if (f.max() != null && n.compareTo(f.max()) > 0) {
        return new String[] {"must be at most " + f.max().toPlainString(), "不能大于 " + f.max().toPlainString()};
      }
    }
    if (v instanceof String s && f.valueType().storage() == FieldType.Storage.TEXT) {
      return textProblem(f, s);
    }
    return null;
  }

  private static String[] textProblem(FieldDefinition f, String s) {
    int len = s.codePointCount(0, s.length());
    if (f.min() != null && len < f.min().intValue()) {
      return new String[] {"must have at least " + f.min().intValue() + " characters",
          "至少需要 " + f.min().intValue() + " 个字符"};
    }
    if (f.max() != null && len > f.max().intValue()) {
      return new String[] {"must have at most " + f.max().intValue() + " characters",
          "最多 " + f.max().intValue() + " 个字符"};
    }
    if (f.pattern() != null && !PATTERNS.computeIfAbsent(f.pattern(), Pattern::compile).matcher(s).matches()) {
      return new String[] {"\"" + s + "\" does not match the required format", "“" + s + "”不符合要求的格式"};
    }
    return null;
  }

  private static List<String> values(FieldDefinition f) {
    return f.options().stream().map(o -> o.value()).toList();
  }

  private static String en(FieldDefinition f) {
    return f.label() == null ? f.name() : f.label().get("en") + " (" + f.name() + ")";
  }

  private static String zh(FieldDefinition f) {
    return f.label() == null ? f.name() : "“" + f.label().get("zh-CN") + "”";
  }

  /** A NOT_FOUND for a record id. */
  public static PlatformException notFound(EntityDefinition entity, Object id) {
    return new PlatformException(ErrorCode.NOT_FOUND, entity.name() + " " + id + " does not exist",
        entity.label().get("zh-CN") + "记录 " + id + " 不存在", "id", List.of());
  }
}
