package dev.tessera.metamodel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.PicklistOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Checks that a field's options fit its type: choices have options, references resolve, formulas
 * have an expression and result type, min/max/pattern/unique/default make sense for the type.
 */
final class FieldValidator {
  private static final Set<FieldType> CHOICES = EnumSet.of(FieldType.PICKLIST, FieldType.MULTI_PICKLIST,
      FieldType.STAGE);
  private static final Set<FieldType> BOUNDED = EnumSet.of(FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT,
      FieldType.TEXT, FieldType.LONG_TEXT);
  private static final Set<FieldType> PATTERNED = EnumSet.of(FieldType.TEXT, FieldType.LONG_TEXT, FieldType.EMAIL,
      FieldType.PHONE, FieldType.URL);
  private static final Set<FieldType> NOT_UNIQUE = EnumSet.of(FieldType.BOOL, FieldType.LONG_TEXT, FieldType.JSON,
      FieldType.MULTI_PICKLIST, FieldType.TAGS);
  private static final Pattern COUNTER = Pattern.compile("\\{0+}");

  private final EntityDefinition entity;
  private final FieldDefinition f;
  private final String base;
  private final Map<String, EntityDefinition> entities;
  private final List<Problem> out = new ArrayList<>();

  FieldValidator(EntityDefinition entity, FieldDefinition f, String base, Map<String, EntityDefinition> entities) {
    this.entity = entity;
    this.f = f;
    this.base = base;
    this.entities = entities;
  }

  List<Problem> validate() {
    if (f.name() == null || f.type() == null) {
      return out;
    }
    choices();
    reference();
    formula();
    bounds();
    indexing();
    defaults();
    if (f.type() == FieldType.AUTO_NUMBER && f.format() != null && !COUNTER.matcher(f.format()).find()) {
      add(ProblemCode.INVALID_OPTION, ".format", "编号格式须包含计数占位符，例如 CUS-{0000}",
          "The number format needs a counter placeholder, e.g. CUS-{0000}");
    }
    if (f.type() != FieldType.AUTO_NUMBER && f.format() != null) {
      notFor(".format", "编号格式", "a number format");
    }
    return out;
  }

  private void choices() {
    if (!CHOICES.contains(f.type())) {
      if (!f.options().isEmpty()) {
        notFor(".options", "选项", "options");
      }
      if (!f.transitions().isEmpty()) {
        notFor(".transitions", "阶段流转", "stage transitions");
      }
      return;
    }
    if (f.options().isEmpty()) {
      add(ProblemCode.INVALID_OPTIONS, ".options", "请至少添加一个选项", "Add at least one option");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < f.options().size(); i++) {
      String v = f.options().get(i).value();
      Integer first = v == null ? null : seen.putIfAbsent(v, i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, ".options[" + i + "].value", "选项值“" + v + "”重复",
            "The option value \"" + v + "\" appears twice");
      }
    }
    if (!f.transitions().isEmpty() && f.type() != FieldType.STAGE) {
      notFor(".transitions", "阶段流转", "stage transitions");
      return;
    }
    f.transitions().forEach((from, to) -> {
      for (String v : concat(from, to)) {
        if (!f.hasOption(v)) {
          add(ProblemCode.INVALID_OPTIONS, ".transitions" + Problem.key(from), "阶段流转中的“" + v + "”不是该字段的选项",
              "The stage transition mentions \"" + v + "\", which is not an option of this field");
        }
      }
    });
  }

  private static List<String> concat(String from, List<String> to) {
    List<String> all = new ArrayList<>();
    all.add(from);
    all.addAll(to);
    return all;
  }

  private void reference() {
    if (f.type() != FieldType.REFERENCE) {
      if (f.target() != null) {
        notFor(".target", "引用目标", "a target entity");
      }
      if (f.onDelete() != null) {
        notFor(".onDelete", "删除处理方式", "on-delete behaviour");
      }
      return;
    }
    if (f.target() == null) {
      add(ProblemCode.REQUIRED, ".target", "引用字段须指定引用的实体（target）",
          "A reference field needs the entity it points to (\"target\")");
    } else if (!entities.containsKey(f.target())) {
      add(ProblemCode.UNKNOWN_TARGET, ".target", "引用的实体“" + f.target() + "”不存在（也不在本次发布中）",
          "The target entity \"" + f.target() + "\" does not exist (nor is it in this publish)");
    }
  }

  private void formula() {
    if (f.type() != FieldType.FORMULA) {
      if (f.expression() != null) {
        notFor(".expression", "公式表达式", "a formula expression");
      }
      if (f.resultType() != null) {
        notFor(".resultType", "公式结果类型", "a formula result type");
      }
      return;
    }
    if (f.expression() == null) {
      add(ProblemCode.REQUIRED, ".expression", "公式字段须填写表达式（expression）",
          "A formula field needs an expression (\"expression\")");
    }
    if (f.resultType() == null) {
      add(ProblemCode.REQUIRED, ".resultType", "公式字段须声明结果类型（resultType），如 number 或 text",
          "A formula field needs a result type (\"resultType\"), e.g. number or text");
    }
    if (f.required()) {
      notFor(".required", "必填", "required");
    }
  }

  private void bounds() {
    if ((f.min() != null || f.max() != null) && !BOUNDED.contains(f.type())) {
      notFor(f.min() != null ? ".min" : ".max", "最小/最大值", "min/max");
    }
    if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
      add(ProblemCode.INVALID_OPTION, ".min", "最小值不能大于最大值", "min must not be greater than max");
    }
    integer();
    boolean length = f.type() == FieldType.TEXT || f.type() == FieldType.LONG_TEXT;
    if (length && f.min() != null && f.min().signum() < 0) {
      add(ProblemCode.INVALID_OPTION, ".min", "最少字符数不能为负数", "A minimum length cannot be negative");
    }
    if (f.pattern() == null) {
      return;
    }
    if (!PATTERNED.contains(f.type())) {
      notFor(".pattern", "格式（正则表达式）", "a pattern");
      return;
    }
    try {
      Pattern.compile(f.pattern());
    } catch (PatternSyntaxException e) {
      add(ProblemCode.INVALID_OPTION, ".pattern", "格式不是有效的正则表达式：" + e.getDescription(),
          "The pattern is not a valid regular expression: " + e.getDescription());
    }
  }

  /** Whole numbers only: on number fields, with whole bounds and default inside GraphQL's 32-bit Int. */
  private void integer() {
    if (!f.integer()) {
      return;
    }
    if (f.type() != FieldType.NUMBER) {
      notFor(".integer", "整数", "the integer option (number fields only)");
      return;
    }
    for (String rel : new String[] {".min", ".max"}) {
      java.math.BigDecimal v = rel.equals(".min") ? f.min() : f.max();
      if (v != null && !whole(v)) {
        add(ProblemCode.INVALID_OPTION, rel, "整数字段的最小/最大值须为 " + FieldDefinition.INT_MIN + " 到 "
            + FieldDefinition.INT_MAX + " 之间的整数", "An integer field's min/max must be a whole number from "
            + FieldDefinition.INT_MIN + " to " + FieldDefinition.INT_MAX);
      }
    }
  }

  static boolean whole(java.math.BigDecimal v) {
    return v.stripTrailingZeros().scale() <= 0 && v.compareTo(FieldDefinition.INT_MIN) >= 0
        && v.compareTo(FieldDefinition.INT_MAX) <= 0;
  }

  private void indexing() {
    if (f.unique() && NOT_UNIQUE.contains(f.type())) {
      notFor(".unique", "唯一", "unique");
    }
    if (f.readOnly() && f.required() && f.defaultValue() == null && f.defaultExpression() == null) {
      add(ProblemCode.INVALID_OPTION, ".readOnly", "只读的必填字段须有默认值，否则无法创建记录",
          "A read-only required field needs a default, or no record could be created");
    }
  }

  private void defaults() {
    if (f.defaultValue() == null && f.defaultExpression() == null) {
      return;
    }
    if (f.computed()) {
      notFor(f.defaultValue() != null ? ".default" : ".defaultExpression", "默认值", "a default");
      return;
    }
    if (f.defaultValue() != null && f.defaultExpression() != null) {
      add(ProblemCode.INVALID_OPTION, ".default", "默认值和默认表达式只能填一个",
          "Give either a default value or a default expression, not both");
      return;
    }
    if (f.defaultValue() != null && !fits(f.defaultValue())) {
      add(ProblemCode.INVALID_OPTION, ".default", "默认值 " + f.defaultValue() + " 不符合字段类型或选项",
          "The default " + f.defaultValue() + " does not fit the field's type or options");
    }
  }

  private boolean fits(JsonNode v) {
    return switch (f.type()) {
      case NUMBER, MONEY, PERCENT -> v.isNumber() && (!f.integer() || whole(v.decimalValue()));
      case BOOL -> v.isBoolean();
      case PICKLIST, STAGE -> v.isTextual() && f.hasOption(v.asText());
      case MULTI_PICKLIST -> v.isArray() && allText(v) && allOptions(v);
      case TAGS -> v.isArray() && allText(v);
      case DATE -> v.isTextual() && parses(() -> LocalDate.parse(v.asText()));
      case DATETIME -> v.isTextual() && parses(() -> OffsetDateTime.parse(v.asText()));
      case JSON -> true;
      default -> v.isTextual();
    };
  }

  private static boolean allText(JsonNode v) {
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private boolean allOptions(JsonNode v) {
    for (JsonNode x : v) {
      if (f.options().stream().map(PicklistOption::value).noneMatch(x.asText()::equals)) {
        return false;
      }
    }
    return true;
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private void notFor(String rel, String zh, String en) {
    add(ProblemCode.INVALID_OPTION, rel, "“" + f.type().jsonName() + "”类型的字段不能设置" + zh,
        "A field of type \"" + f.type().jsonName() + "\" cannot have " + en);
  }

  private void add(ProblemCode code, String rel, String zh, String en) {
    out.add(Problem.of(code, base + rel, zh, en));
  }
}
