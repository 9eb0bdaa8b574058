package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Persistence port for records; implemented in the storage package. */
public interface RecordStore {
  /** Inserts; a unique-field clash fails with VALIDATION_FAILED naming the field. */
  Uni<DataRecord> insert(Tx tx, EntityDefinition entity, DataRecord record);

  /** Updates when the stored version equals {@code expectedVersion}; null when it did not. */
  Uni<DataRecord> update(Tx tx, EntityDefinition entity, UUID id, int expectedVersion,
      Map<String, Object> data, String ownerId, String actor);

  Uni<DataRecord> findById(Tx tx, EntityDefinition entity, UUID id, boolean deleted);

  Uni<List<DataRecord>> findByIds(Tx tx, EntityDefinition entity, Collection<UUID> ids);

  Uni<List<DataRecord>> find(Tx tx, RecordQuery query);

  Uni<Long> count(Tx tx, EntityDefinition entity, Filter filter, boolean deleted);

  /** Per key of {@code reference}, the first page of referencing records (one statement). */
  Uni<Map<String, List<DataRecord>>> findByReference(Tx tx, EntityDefinition entity,
      FieldDefinition reference, Collection<String> keys, Filter filter, Page page);

  Uni<Map<String, Long>> countByReference(Tx tx, EntityDefinition entity,
      FieldDefinition reference, Collection<String> keys, Filter filter);

  Uni<List<AggregateRow>> aggregate(Tx tx, AggregateRequest request);

  /** Soft-deletes; false when there was no live record. */
  /**
   * Of {@code ids}, those that are live records, each locked against deletion (and change) until the
   * transaction ends, so a reference written now cannot dangle after a concurrent delete.
   */
  Uni<java.util.Set<UUID>> lockLive(Tx tx, EntityDefinition entity, Collection<UUID> ids);

  Uni<DataRecord> softDelete(Tx tx, EntityDefinition entity, UUID id, String actor);

  Uni<DataRecord> restore(Tx tx, EntityDefinition entity, UUID id, String actor);

  /** Ids of live records whose {@code reference} field holds {@code targetId}. */
  Uni<List<DataRecord>> referencing(Tx tx, EntityDefinition entity, FieldDefinition reference, String targetId);

  /** Records (live and in the recycle bin) in id order after {@code after} (null: from the start); for maintenance. */
  Uni<List<DataRecord>> scan(Tx tx, EntityDefinition entity, UUID after, int limit);

  /**
   * Replaces the stored data of records without a new version or update stamp: the system
   * recomputing derived values (formulas after a publish), not a user's change.
   */
  Uni<Void> rewrite(Tx tx, EntityDefinition entity, Map<UUID, Map<String, Object>> data);

  Uni<Long> nextAutoNumber(Tx tx, EntityDefinition entity, FieldDefinition field);

  /** EXPLAIN of the SQL {@link #find} would run; for tests and diagnostics. */
  Uni<String> explain(Tx tx, RecordQuery query);
}
