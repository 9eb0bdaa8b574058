package dev.tessera.metamodel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One field of an entity. Type-specific parts are null when they do not apply:
 * {@code options} (picklist, multiPicklist, stage), {@code transitions} (stage: from value to allowed
 * next values; empty means any), {@code target}/{@code onDelete} (reference), {@code expression}/
 * {@code resultType} (formula), {@code format} (autoNumber, e.g. {@code CUS-{0000}}).
 * {@code defaultValue} is a JSON literal; {@code defaultExpression} an expression (evaluated by the
 * expression issue). {@code min}/{@code max} bound numbers, or text length for text-like types.
 * {@code integer} (number fields only) keeps whole numbers in the 32-bit range, so clients read and
 * write them as GraphQL {@code Int}; other numbers are exact decimals. {@code gates} (stage fields only)
 * maps a stage to what entering it needs (ADR 0053), in the order written.
 */
public record FieldDefinition(
    String id,
    String name,
    FieldType type,
    LocalizedText label,
    boolean required,
    boolean unique,
    boolean indexed,
    boolean readOnly,
    JsonNode defaultValue,
    String defaultExpression,
    BigDecimal min,
    BigDecimal max,
    String pattern,
    List<PicklistOption> options,
    Map<String, List<String>> transitions,
    String target,
    OnDelete onDelete,
    String expression,
    FieldType resultType,
    String format,
    boolean integer,
    Map<String, StageGate> gates) {

  public FieldDefinition {
    options = options == null ? List.of() : List.copyOf(options);
    transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
    gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
  }

  /** The gate of entering {@code stage}; null when entering it needs nothing. */
  public StageGate gate(Object stage) {
    return stage == null ? null : gates.get(stage.toString());
  }

  /** The type values are stored and compared as: a formula's declared result type, else its own. */
  public FieldType valueType() {
    return type == FieldType.FORMULA && resultType != null ? resultType : type;
  }

  /** True for fields whose value the system computes; clients never write them. */
  public boolean computed() {
    return type == FieldType.FORMULA || type == FieldType.AUTO_NUMBER;
  }

  /** Smallest and largest value an {@link #integer()} field holds: GraphQL's Int is a signed 32-bit integer. */
  public static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  public static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

  public boolean hasOption(String value) {
    return options.stream().anyMatch(o -> o.value().equals(value));
  }
}
