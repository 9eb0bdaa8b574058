package dev.tessera.dedupe;

import dev.tessera.pool.PoolStore;
import dev.tessera.record.DataRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One merge as history keeps it: the survivor's row before and after, every merged row (all columns),
 * which record each changed field came from, the references re-pointed and the pool entries the merged
 * records had. {@code mergedAt} is null until stored; {@code undoneBy}/{@code undoneAt} once undone.
 */
public record MergeEntry(UUID id, String entity, UUID survivorId, List<UUID> mergedIds, DataRecord survivorBefore,
    DataRecord survivorAfter, List<DataRecord> merged, Map<String, UUID> sources, List<Repointed> repointed,
    List<PoolStore.Entry> poolEntries, String mergedBy, OffsetDateTime mergedAt, String undoneBy,
    OffsetDateTime undoneAt) {

  public MergeEntry {
    mergedIds = List.copyOf(mergedIds);
    merged = List.copyOf(merged);
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    repointed = List.copyOf(repointed);
    poolEntries = List.copyOf(poolEntries);
  }

  public boolean undone() {
    return undoneAt != null;
  }
}
