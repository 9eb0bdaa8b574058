package dev.tessera.metamodel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * One structured condition as a designer builds it: a field (a path through references where the
 * kind allows it), an operator and a value ({@code {"field": "province", "op": "in", "value": ["浙江"]}}).
 * The value is kept as JSON (a private copy) because its type follows the field's.
 */
public record Condition(String field, Op op, JsonNode value) {
  /** The operators of a structured condition; {@code jsonName} is how the JSON writes them. */
  public enum Op {
    EQ("eq"), NE("ne"), IN("in"), NOT_IN("notIn"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"),
    IS_BLANK("isBlank"), IS_NOT_BLANK("isNotBlank"), CONTAINS("contains");

    private final String jsonName;

    Op(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Op> fromJson(String name) {
      return Arrays.stream(values()).filter(o -> o.jsonName.equals(name)).findFirst();
    }
  }

  public Condition {
    value = value == null ? MissingNode.getInstance() : value.deepCopy();
  }

  /** The value; a copy, so the definition stays unchanged whatever the caller does with it. */
  @Override
  public JsonNode value() {
    return value.deepCopy();
  }
}
