package dev.tessera.view;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Saved list views: private to the user who saved them, or shared (on a developer's machine without
 * sign-in, anonymous callers share one set of private views).
 */
@ApplicationScoped
public class SavedViewService {
  static final int MAX_NAME = 100;
  private final SavedViewStore store;
  private final TxRunner tx;

  public SavedViewService(SavedViewStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  public Uni<List<SavedView>> list(String entity, Actor actor) {
    return tx.withConnection(t -> store.list(t, entity, actor.userId()));
  }

  public Uni<SavedView> save(String entity, String name, boolean shared, JsonNode settings, Actor actor) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("VIEW_NAME", java.util.Map.of("max", MAX_NAME)), "name");
    }
    if (settings == null || !settings.isObject()) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("VIEW_SETTINGS"), "settings");
    }
    String owner = shared ? null : actor.userId();
    return tx.inTransaction(t -> store.save(t, entity, trimmed, owner, settings, actor.userId()));
  }

  public Uni<Boolean> delete(long id, Actor actor) {
    return tx.inTransaction(t -> store.delete(t, id, actor.userId()));
  }
}
