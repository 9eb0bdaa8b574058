package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Persistence port of the designer's drafts (V15__metadata_draft.sql); see storage. */
public interface DraftStore {
  /** Every draft, ordered by kind and name: the order a draft publish sends them in. */
  Uni<List<MetadataDraft>> list(Tx tx);

  /**
   * Stores {@code definition} under {@code key}, replacing the draft at {@code replaces} (its previous
   * key, null for none) when its revision is {@code expectedRevision} (null: whatever it is). Returns the
   * stored draft, or null when the expected revision was not the stored one.
   */
  Uni<MetadataDraft> save(Tx tx, String replaces, String key, String kind, String name, JsonNode definition,
      Integer baseVersion, Integer expectedRevision, String actor);

  /** Removes the draft; false when there was none. */
  Uni<Boolean> delete(Tx tx, String key);

  /** Removes these drafts (after they were published). */
  Uni<Void> deleteAll(Tx tx, List<String> keys);
}
