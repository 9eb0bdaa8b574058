package dev.tessera.metadata;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The designer's drafts: edits kept on the server until they are published, so a reload or a second
 * admin sees them. A save checks only what identifies the draft (kind and name) and refuses to
 * overwrite a revision the saver has not seen; publishing sends every draft as one changeset through
 * {@link MetadataService}, which checks everything, and drops the drafts once they are live.
 */
@ApplicationScoped
public class DraftService {
  private final DraftStore store;
  private final TxRunner tx;
  private final MetadataService metadata;
  private final MetadataRegistry registry;

  public DraftService(DraftStore store, TxRunner tx, MetadataService metadata, MetadataRegistry registry) {
    this.store = store;
    this.tx = tx;
    this.metadata = metadata;
    this.registry = registry;
  }

  public Uni<List<MetadataDraft>> list() {
    return tx.withConnection(store::list);
  }

  /**
   * Saves a definition as a draft. {@code replaces} is the key the editor loaded it under (it changes
   * when a new definition is renamed); {@code expectedRevision} the revision it saw, null to create.
   */
  public Uni<MetadataDraft> save(JsonNode definition, String replaces, Integer expectedRevision, Actor actor) {
    if (definition == null || !definition.isObject()) {
      throw bad("definition", RequestMessages.text("DRAFT_NOT_OBJECT"));
    }
    String kind = name(definition, "kind");
    String name = name(definition, "name");
    JsonNode id = definition.get("id");
    String key = MetadataDraft.keyOf(kind, name, id != null && id.isTextual() ? id.asText() : null);
    int base = registry.current().version();
    return tx.inTransaction(t -> store.save(t, replaces, key, kind, name, definition, base, expectedRevision,
        actor.userId())).map(saved -> {
          if (saved == null) {
            throw new PlatformException(ErrorCode.VERSION_CONFLICT,
                RequestMessages.text("DRAFT_CONFLICT", java.util.Map.of("revision", String.valueOf(expectedRevision))), "revision");
          }
          return saved;
        });
  }

  /** Throws the draft away; false when there was none under {@code key}. */
  public Uni<Boolean> discard(String key) {
    return tx.inTransaction(t -> store.delete(t, key));
  }

  /**
   * Publishes every draft together (or, in a dry run, reports what publishing would do). Problem
   * paths {@code $[i]} point at the i-th draft of {@link #list()}. Applied drafts are removed.
   */
  public Uni<PublishResult> publish(boolean dryRun, Actor actor) {
    return list().chain(drafts -> {
      List<JsonNode> changeset = drafts.stream().map(MetadataDraft::definition).toList();
      return metadata.publish(changeset, dryRun, actor).chain(result -> {
        if (!result.applied()) {
          return Uni.createFrom().item(result);
        }
        List<String> keys = drafts.stream().map(MetadataDraft::key).toList();
        return tx.inTransaction(t -> store.deleteAll(t, keys)).replaceWith(result);
      });
    });
  }

  private static String name(JsonNode definition, String property) {
    JsonNode v = definition.get(property);
    if (v == null || !v.isTextual() || !Identifiers.isValid(v.asText())) {
      throw bad("definition." + property, RequestMessages.text("DRAFT_NAME", java.util.Map.of("property", property)));
    }
    return v.asText();
  }

  private static PlatformException bad(String path, dev.tessera.metamodel.model.LocalizedText text) {
    return new PlatformException(ErrorCode.BAD_REQUEST, text, path);
  }
}
