package dev.tessera.metamodel.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured conditions, as a designer builds them ({@code {"field": "province", "op": "in",
 * "value": ["浙江", "江苏"]}}), written as one expression of the expression language (all must hold),
 * so they are checked and run by the same compiler as hand-written ones.
 */
public final class Conditions {
  private Conditions() {}

  /** The expression for all {@code conditions}; {@code "true"} when there are none. */
  public static String toExpression(List<Condition> conditions) {
    List<String> parts = new ArrayList<>();
    for (Condition c : conditions) {
      String f = c.field();
      JsonNode v = c.value();
      if (c.op() == null) {
        throw new IllegalArgumentException("unknown condition operator on " + f);
      }
      parts.add(switch (c.op()) {
        case EQ -> f + " == " + literal(v);
        case NE -> f + " != " + literal(v);
        case IN -> f + " in " + list(v);
        case NOT_IN -> f + " not in " + list(v);
        case GT -> f + " > " + literal(v);
        case GTE -> f + " >= " + literal(v);
        case LT -> f + " < " + literal(v);
        case LTE -> f + " <= " + literal(v);
        case IS_BLANK -> "isBlank(" + f + ")";
        case IS_NOT_BLANK -> "!isBlank(" + f + ")";
        case CONTAINS -> "includes(" + f + ", " + literal(v) + ")";
      });
    }
    return parts.isEmpty() ? "true" : String.join(" && ", parts.stream().map(p -> "(" + p + ")").toList());
  }

  /** Both a hand-written condition and structured ones, as one expression (either may be absent). */
  public static String combine(String when, List<Condition> conditions) {
    String structured = conditions != null && !conditions.isEmpty() ? toExpression(conditions) : null;
    String written = when;
    if (written == null) {
      return structured == null ? "true" : structured;
    }
    return structured == null ? written : "(" + written + ") && " + structured;
  }

  private static String list(JsonNode v) {
    if (!v.isArray()) {
      return "[" + literal(v) + "]";
    }
    List<String> items = new ArrayList<>();
    v.forEach(x -> items.add(literal(x)));
    return "[" + String.join(", ", items) + "]";
  }

  private static String literal(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isNumber()) {
      return v.decimalValue().toPlainString().replaceFirst("^-", "0 - ");
    }
    if (v.isBoolean()) {
      return String.valueOf(v.asBoolean());
    }
    if (v.isArray()) {
      return list(v);
    }
    return Compiler.quote(v.asText());
  }
}
