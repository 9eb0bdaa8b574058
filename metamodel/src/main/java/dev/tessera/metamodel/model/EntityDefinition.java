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
    List<IndexDefinition> indexes) {

  public EntityDefinition {
    fields = List.copyOf(fields);
    rules = rules == null ? List.of() : List.copyOf(rules);
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  public Optional<FieldDefinition> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public Optional<FieldDefinition> fieldById(String fieldId) {
    return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst();
  }
}
