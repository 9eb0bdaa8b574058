package dev.tessera.record;

import dev.tessera.metamodel.model.FieldDefinition;

/** What a filter or order key refers to: a field of the entity or a system column. */
public record Column(FieldDefinition field, SystemColumn system) {
  public static Column of(FieldDefinition field) {
    return new Column(field, null);
  }

  public static Column of(SystemColumn system) {
    return new Column(null, system);
  }

  public String apiName() {
    return field != null ? field.name() : system.apiName();
  }
}
