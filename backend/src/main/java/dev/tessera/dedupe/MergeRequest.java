package dev.tessera.dedupe;

import java.util.List;
import java.util.UUID;

/**
 * A request to merge duplicates: {@code mergedIds} are folded into {@code survivorId}, in this order of
 * preference for filling the survivor's blank fields; {@code choices} take a field's value from a given
 * record of the merge instead.
 */
public record MergeRequest(String entity, UUID survivorId, List<UUID> mergedIds, List<Choice> choices) {
  /** Keep {@code field}'s value of record {@code fromId} (the survivor or one of the merged records). */
  public record Choice(String field, UUID fromId) {}

  public MergeRequest {
    mergedIds = List.copyOf(mergedIds);
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
