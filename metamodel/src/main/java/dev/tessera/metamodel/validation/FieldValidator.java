package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.AUTO_NUMBER_FORMAT;
import static dev.tessera.metamodel.validation.MetadataMessage.DEFAULT_AND_EXPRESSION;
import static dev.tessera.metamodel.validation.MetadataMessage.DEFAULT_DOES_NOT_FIT;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_OPTION;
import static dev.tessera.metamodel.validation.MetadataMessage.FORMULA_NEEDS_EXPRESSION;
import static dev.tessera.metamodel.validation.MetadataMessage.FORMULA_NEEDS_RESULT_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.INTEGER_BOUNDS;
import static dev.tessera.metamodel.validation.MetadataMessage.INVALID_PATTERN;
import static dev.tessera.metamodel.validation.MetadataMessage.MIN_ABOVE_MAX;
import static dev.tessera.metamodel.validation.MetadataMessage.NEGATIVE_MIN_LENGTH;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_FOR_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.NO_OPTIONS;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_DEFAULT;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_EXPRESSION;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_FORMAT;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_INTEGER;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_MIN_MAX;
import static dev.tessera.metamodel.validation.MetadataMessage.LENGTH_NOT_WHOLE;
import static dev.tessera.metamodel.validation.MetadataMessage.MAX_LENGTH_BELOW_ONE;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_ON_DELETE;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_OPTIONS;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_PATTERN;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_REQUIRED;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_RESULT_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_TARGET;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_TRANSITIONS;
import static dev.tessera.metamodel.validation.MetadataMessage.OPTION_UNIQUE;
import static dev.tessera.metamodel.validation.MetadataMessage.READ_ONLY_REQUIRED_NEEDS_DEFAULT;
import static dev.tessera.metamodel.validation.MetadataMessage.REFERENCE_NEEDS_TARGET;
import static dev.tessera.metamodel.validation.MetadataMessage.TRANSITION_NOT_AN_OPTION;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_TARGET_ENTITY;

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
      add(ProblemCode.INVALID_OPTION, ".format", AUTO_NUMBER_FORMAT);
    }
    if (f.type() != FieldType.AUTO_NUMBER && f.format() != null) {
      notFor(".format", OPTION_FORMAT);
    }
    return out;
  }

  private void choices() {
    if (!CHOICES.contains(f.type())) {
      if (!f.options().isEmpty()) {
        notFor(".options", OPTION_OPTIONS);
      }
      if (!f.transitions().isEmpty()) {
        notFor(".transitions", OPTION_TRANSITIONS);
      }
      return;
    }
    if (f.options().isEmpty()) {
      add(ProblemCode.INVALID_OPTIONS, ".options", NO_OPTIONS);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < f.options().size(); i++) {
      String v = f.options().get(i).value();
      Integer first = v == null ? null : seen.putIfAbsent(v, i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, ".options[" + i + "].value", DUPLICATE_OPTION, "value", v);
      }
    }
    if (!f.transitions().isEmpty() && f.type() != FieldType.STAGE) {
      notFor(".transitions", OPTION_TRANSITIONS);
      return;
    }
    f.transitions().forEach((from, to) -> {
      for (String v : concat(from, to)) {
        if (!f.hasOption(v)) {
          add(ProblemCode.INVALID_OPTIONS, ".transitions" + Problem.key(from), TRANSITION_NOT_AN_OPTION, "value", v);
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
        notFor(".target", OPTION_TARGET);
      }
      if (f.onDelete() != null) {
        notFor(".onDelete", OPTION_ON_DELETE);
      }
      return;
    }
    if (f.target() == null) {
      add(ProblemCode.REQUIRED, ".target", REFERENCE_NEEDS_TARGET);
    } else if (!entities.containsKey(f.target())) {
      add(ProblemCode.UNKNOWN_TARGET, ".target", UNKNOWN_TARGET_ENTITY, "target", f.target());
    }
  }

  private void formula() {
    if (f.type() != FieldType.FORMULA) {
      if (f.expression() != null) {
        notFor(".expression", OPTION_EXPRESSION);
      }
      if (f.resultType() != null) {
        notFor(".resultType", OPTION_RESULT_TYPE);
      }
      return;
    }
    if (f.expression() == null) {
      add(ProblemCode.REQUIRED, ".expression", FORMULA_NEEDS_EXPRESSION);
    }
    if (f.resultType() == null) {
      add(ProblemCode.REQUIRED, ".resultType", FORMULA_NEEDS_RESULT_TYPE);
    }
    if (f.required()) {
      notFor(".required", OPTION_REQUIRED);
    }
  }

  private void bounds() {
    if ((f.min() != null || f.max() != null) && !BOUNDED.contains(f.type())) {
      notFor(f.min() != null ? ".min" : ".max", OPTION_MIN_MAX);
    }
    if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
      add(ProblemCode.INVALID_OPTION, ".min", MIN_ABOVE_MAX);
    }
    integer();
    boolean length = f.type() == FieldType.TEXT || f.type() == FieldType.LONG_TEXT;
    if (length && f.min() != null && f.min().signum() < 0) {
      add(ProblemCode.INVALID_OPTION, ".min", NEGATIVE_MIN_LENGTH);
    }
    if (length && f.max() != null && f.max().signum() <= 0) {
      add(ProblemCode.INVALID_OPTION, ".max", MAX_LENGTH_BELOW_ONE);
    }
    for (String rel : length ? new String[] {".min", ".max"} : new String[0]) {
      java.math.BigDecimal v = rel.equals(".min") ? f.min() : f.max();
      if (v != null && v.stripTrailingZeros().scale() > 0) {
        add(ProblemCode.INVALID_OPTION, rel, LENGTH_NOT_WHOLE);
      }
    }
    if (f.pattern() == null) {
      return;
    }
    if (!PATTERNED.contains(f.type())) {
      notFor(".pattern", OPTION_PATTERN);
      return;
    }
    try {
      Pattern.compile(f.pattern());
    } catch (PatternSyntaxException e) {
      add(ProblemCode.INVALID_OPTION, ".pattern", INVALID_PATTERN, "reason", e.getDescription());
    }
  }

  /** Whole numbers only: on number fields, with whole bounds and default inside GraphQL's 32-bit Int. */
  private void integer() {
    if (!f.integer()) {
      return;
    }
    if (f.type() != FieldType.NUMBER) {
      notFor(".integer", OPTION_INTEGER);
      return;
    }
    for (String rel : new String[] {".min", ".max"}) {
      java.math.BigDecimal v = rel.equals(".min") ? f.min() : f.max();
      if (v != null && !whole(v)) {
        add(ProblemCode.INVALID_OPTION, rel, INTEGER_BOUNDS, "min", FieldDefinition.INT_MIN, "max",
            FieldDefinition.INT_MAX);
      }
    }
  }

  static boolean whole(java.math.BigDecimal v) {
    return v.stripTrailingZeros().scale() <= 0 && v.compareTo(FieldDefinition.INT_MIN) >= 0
        && v.compareTo(FieldDefinition.INT_MAX) <= 0;
  }

  private void indexing() {
    if (f.unique() && NOT_UNIQUE.contains(f.type())) {
      notFor(".unique", OPTION_UNIQUE);
    }
    if (f.readOnly() && f.required() && f.defaultValue() == null && f.defaultExpression() == null) {
      add(ProblemCode.INVALID_OPTION, ".readOnly", READ_ONLY_REQUIRED_NEEDS_DEFAULT);
    }
  }

  private void defaults() {
    if (f.defaultValue() == null && f.defaultExpression() == null) {
      return;
    }
    if (f.computed()) {
      notFor(f.defaultValue() != null ? ".default" : ".defaultExpression", OPTION_DEFAULT);
      return;
    }
    if (f.defaultValue() != null && f.defaultExpression() != null) {
      add(ProblemCode.INVALID_OPTION, ".default", DEFAULT_AND_EXPRESSION);
      return;
    }
    if (f.defaultValue() != null && !fits(f.defaultValue())) {
      add(ProblemCode.INVALID_OPTION, ".default", DEFAULT_DOES_NOT_FIT, "value", f.defaultValue());
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

  /** The option {@code what} (an {@code OPTION_} message) is set on a type that has no such option. */
  private void notFor(String rel, MetadataMessage what) {
    add(ProblemCode.INVALID_OPTION, rel, NOT_FOR_TYPE, "type", f.type().jsonName(), "what", what.text());
  }

  private void add(ProblemCode code, String rel, MetadataMessage message, Object... args) {
    out.add(Problem.of(code, base + rel, message, args));
  }
}
