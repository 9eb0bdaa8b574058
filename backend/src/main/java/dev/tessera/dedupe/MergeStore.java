package dev.tessera.dedupe;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Persistence port of merges: row locks, removal and re-insertion of merged rows, references, history. */
public interface MergeStore {
  /**
   * Locks the live records of these ids (SELECT ... FOR UPDATE in id order, so merges of overlapping
   * records queue instead of deadlocking) and returns those that exist.
   */
  Uni<List<DataRecord>> lock(Tx tx, EntityDefinition entity, Collection<UUID> ids);

  /** Removes rows from the entity's table for good; the merge keeps them. */
  Uni<Void> remove(Tx tx, EntityDefinition entity, Collection<UUID> ids);

  /** Those of {@code ids} that have a row in the entity's table, live or in the recycle bin. */
  Uni<Set<UUID>> existing(Tx tx, EntityDefinition entity, Collection<UUID> ids);

  /** Inserts rows back exactly as they were, every column; a unique-field clash fails naming the field. */
  Uni<Void> reinsert(Tx tx, EntityDefinition entity, List<DataRecord> rows);

  /**
   * Points {@code field} of every row (live or in the recycle bin) holding one of {@code from} at
   * {@code to}; each re-pointed reference with the row after the change.
   */
  Uni<Map<Repointed, DataRecord>> repoint(Tx tx, EntityDefinition entity, FieldDefinition field, Collection<UUID> from,
      UUID to, String actor);

  /** Points these references back at what they held, where they still hold {@code to}; the rows changed. */
  Uni<List<DataRecord>> pointBack(Tx tx, EntityDefinition entity, FieldDefinition field, List<Repointed> refs, UUID to,
      String actor);

  Uni<Void> save(Tx tx, MergeEntry merge);

  /** The merge, locked until the transaction ends (so two undos queue); null when there is none. */
  Uni<MergeEntry> lockEntry(Tx tx, UUID id);

  Uni<Void> markUndone(Tx tx, UUID id, String actor);

  /** Merges a record took part in, as survivor or merged, newest first. */
  Uni<List<MergeEntry>> involving(Tx tx, UUID recordId);
}
