package dev.tessera.record;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import java.util.Map;

/**
 * What a before-save hook sees: the entity, the operation, the stored record before the write (null on
 * create), the new field values (mutable) and the write's transaction.
 * Hooks that find the write invalid add to {@code problems}; the record service reports them together
 * with the field checks as one VALIDATION_FAILED.
 */
public record SaveContext(
    MetadataSnapshot metadata,
    EntityDefinition entity,
    RecordChanged.Operation operation,
    DataRecord before,
    Map<String, Object> data,
    Actor actor,
    Tx tx,
    java.util.List<dev.tessera.platform.PlatformException.FieldError> problems) {

  public SaveContext(MetadataSnapshot metadata, EntityDefinition entity, RecordChanged.Operation operation,
      DataRecord before, Map<String, Object> data, Actor actor, Tx tx) {
    this(metadata, entity, operation, before, data, actor, tx, new java.util.ArrayList<>());
  }
}
