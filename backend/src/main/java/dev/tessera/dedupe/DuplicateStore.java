package dev.tessera.dedupe;

import dev.tessera.platform.Tx;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Persistence port of duplicate matching: blocking keys and the duplicates found. */
public interface DuplicateStore {
  /** A duplicate found: {@code recordId} (written) matched {@code duplicateOf}, with both owners. */
  record Found(String rule, String entity, UUID recordId, UUID duplicateOf, String owner, String otherOwner,
      String action, double score, List<String> matched) {}

  /** One key lookup: the records with {@code key} under {@code field}, at most {@code limit} of them. */
  record Seek(String field, String key, int limit) {}

  /**
   * The live records of {@code entity} other than {@code self} found by any of the seeks (index seeks,
   * at most each seek's limit), read with their values in one statement.
   */
  Uni<List<DataRecord>> sharing(Tx tx, EntityDefinition entity, List<Seek> seeks, UUID self);

  /** Replaces a record's exact keys (field to keys) and fuzzy texts (field to normalized text); {@code fresh}: it has none yet. */
  Uni<Void> replaceKeys(Tx tx, String entity, UUID recordId, Map<String, Set<String>> keys, Map<String, String> texts,
      boolean fresh);

  /** The keys and texts of one record ({@link MatchKeys#exactKeys}, {@link MatchKeys#fuzzyTexts}). */
  record RecordKeys(UUID recordId, Map<String, Set<String>> keys, Map<String, String> texts) {}

  /** Adds the keys and texts of records that have none yet, a page at a time (a rebuild at publish). */
  Uni<Void> addKeys(Tx tx, String entity, List<RecordKeys> records);

  /** Records other than {@code self} whose text of {@code field} is at least {@code minSimilarity} similar, most similar first. */
  Uni<Set<UUID>> similar(Tx tx, String entity, String field, String text, double minSimilarity, UUID self, int limit);

  Uni<Void> dropKeys(Tx tx, String entity);

  /** Drops the keys and texts of these records (merged away: they must not be found any more). */
  Uni<Void> dropKeysOf(Tx tx, String entity, List<UUID> recordIds);

  Uni<Void> found(Tx tx, Found f);

  /** Duplicates involving a record, or reported to an owner (either side), newest first. */
  Uni<List<Map<String, Object>>> reports(Tx tx, UUID recordId, String owner);
}
