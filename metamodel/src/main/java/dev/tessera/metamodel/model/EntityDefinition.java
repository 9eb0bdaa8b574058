package dev.tessera.metamodel.model;

import java.util.List;
import java.util.Optional;

/**
 * A custom object: its fields, validation rules and composite indexes. {@code pluralName} names the list query
 * ({@code customers}); when a definition omits it, it is derived from {@code name}.
 */
public record EntityDefinition(
    String id,
    String name,
    String pluralName,
    LocalizedText label,
    List<FieldDefinition> fields,
    List<RuleDefinition> rules,
    List<IndexDefinition> indexes) implements Definition {
  public static final String KIND = "entity";

  public EntityDefinition {
    fields = List.copyOf(fields);
    rules = rules == null ? List.of() : List.copyOf(rules);
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  @Override
  public String kind() {
    return KIND;
  }

  public Optional<FieldDefinition> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /**
   * The field that names a record in messages, notices and pickers: {@code name}, else {@code title},
   * else the first text field; empty when the entity has no text field (the id names it then).
   */
  public Optional<FieldDefinition> displayField() {
    Optional<FieldDefinition> named = field("name").or(() -> field("title"));
    if (named.isPresent() && named.get().type() == FieldType.TEXT) {
      return named;
    }
    return fields.stream().filter(f -> f.type() == FieldType.TEXT).findFirst();
  }

  public Optional<FieldDefinition> fieldById(String fieldId) {
    return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst();
  }
}
