package dev.tessera.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Persistence port of saved views (V16__saved_view.sql); see storage. */
public interface SavedViewStore {
  /** The shared views of the entity and the user's own, by name. */
  Uni<List<SavedView>> list(Tx tx, String entity, String user);

  /** Stores the view, replacing the one of the same entity, owner and name. */
  Uni<SavedView> save(Tx tx, String entity, String name, String owner, JsonNode settings, String actor);

  /** Deletes the view when it is shared or the user's own; false otherwise. */
  Uni<Boolean> delete(Tx tx, long id, String user);
}
