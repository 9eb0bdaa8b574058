package dev.tessera.dedupe;

import dev.tessera.record.DataRecord;
import java.util.List;
import java.util.Map;

/**
 * What a merge or its undo did: the merge, the survivor as it now is, how many references were
 * re-pointed per {@code entity.field}, and (undo only) the fields changed since the merge that the undo
 * left as they are.
 */
public record MergeOutcome(MergeEntry merge, DataRecord survivor, Map<String, Integer> repointed, List<String> keptFields) {
  public int repointedTotal() {
    return repointed.values().stream().mapToInt(Integer::intValue).sum();
  }
}
