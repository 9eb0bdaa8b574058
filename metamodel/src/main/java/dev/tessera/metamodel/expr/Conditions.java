package dev.tessera.metamodel.expr;

import com.fasterxml.jackson.databind.JsonNode;
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
  public static String toExpression(JsonNode conditions) {
    List<String> parts = new ArrayList<>();
    for (JsonNode c : conditions) {
      String f = c.path("field").asText();
      JsonNode v = c.path("value");
      parts.add(switch (c.path("op").asText()) {
        case "eq" -> f + " == " + literal(v);
        case "ne" -> f + " != " + literal(v);
        case "in" -> f + " in " + list(v);
        case "notIn" -> f + " not in " + list(v);
        case "gt" -> f + " > " + literal(v);
        case "gte" -> f + " >= " + literal(v);
        case "lt" -> f + " < " + literal(v);
        case "lte" -> f + " <= " + literal(v);
        case "isBlank" -> "isBlank(" + f + ")";
        case "isNotBlank" -> "!isBlank(" + f + ")";
        case "contains" -> "includes(" + f + ", " + literal(v) + ")";
        default -> throw new IllegalArgumentException("unknown condition operator " + c.path("op").asText());
      });
    }
    return parts.isEmpty() ? "true" : String.join(" && ", parts.stream().map(p -> "(" + p + ")").toList());
  }

  /** Both a hand-written condition and structured ones, as one expression (either may be absent). */
  public static String combine(JsonNode when, JsonNode conditions) {
    String structured = conditions != null && conditions.isArray() && !conditions.isEmpty() ? toExpression(conditions) : null;
    String written = when != null && when.isTextual() ? when.asText() : null;
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
