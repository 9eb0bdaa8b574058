package dev.tessera.metadata;

import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.Sequence;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.audit.SecurityLog;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.validation.MetadataValidator;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.OffLoop;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes metadata: validates a whole changeset together, then in one transaction stores the new
 * version, runs the DDL and lets every {@link PublishParticipant} (the GraphQL schema) accept it; then
 * swaps the live snapshot. Any problem or failure applies nothing. A dry run does all of it and
 * rolls back, so it also finds problems only the database can see (e.g. duplicates blocking a new
 * unique index). A publish that commits writes its security log entries (version, definitions added,
 * changed and removed, roles named; a rollback's source version; a pack) in its own transaction, so a failed
 * or dry-run publish leaves none.
 */
@ApplicationScoped
public class MetadataService {
  private final MetadataStore store;
  private final TxRunner tx;
  private final MetadataRegistry registry;
  private final Instance<PublishParticipant> participants;
  private final Instance<PublishStep> steps;
  private final SecurityLog security;
  private final MetadataValidator validator = new MetadataValidator();

  public MetadataService(MetadataStore store, TxRunner tx, MetadataRegistry registry,
      Instance<PublishParticipant> participants, Instance<PublishStep> steps, SecurityLog security) {
    this.security = security;
    this.store = store;
    this.tx = tx;
    this.registry = registry;
    this.participants = participants;
    this.steps = steps;
  }

  /** Thrown inside the transaction to roll it back while still returning a result. */
  private static final class Rollback extends RuntimeException {
    final PublishResult result;

    Rollback(PublishResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private record Applied(MetadataSnapshot snapshot, Map<PublishParticipant, Object> prepared, PublishResult result) {}

  public Uni<PublishResult> publish(List<JsonNode> changeset, boolean dryRun, Actor actor) {
    return run(actor, dryRun, null, null, current -> DefinitionMerge.merge(changeset, current));
  }

  /** Publishes a template pack's definitions; the security log names the pack next to the version. */
  public Uni<PublishResult> installPack(String pack, String packVersion, List<JsonNode> definitions, Actor actor) {
    return run(actor, false, null, new PublishAudit.Pack(pack, packVersion),
        current -> DefinitionMerge.merge(definitions, current));
  }

  /** Rolls back by republishing an old version's definitions as a new version. */
  public Uni<PublishResult> restore(int version, Actor actor) {
    return tx.withConnection(t -> store.load(t, version)).chain(old -> {
      if (old == null) {
        throw new PlatformException(ErrorCode.NOT_FOUND, RequestMessages.text("NO_VERSION", java.util.Map.of("version", version)), "version");
      }
      return run(actor, false, version, null, current -> old.definitions());
    });
  }

  /** Publishes the built-in entities when the live version predates them (a no-op otherwise). */
  public Uni<PublishResult> ensureBuiltIns() {
    if (!DefinitionMerge.missesBuiltIns(registry.current().definitions())) {
      return Uni.createFrom().item(new PublishResult(registry.current().version(), false, List.of(), List.of()));
    }
    return publish(List.of(), false, Actor.SYSTEM);
  }

  public Uni<List<MetadataStore.VersionInfo>> history() {
    return tx.withConnection(store::history);
  }

  /** Loads the live version into the registry and participants; used at start-up. */
  public Uni<Void> loadCurrent() {
    return tx.withConnection(t -> store.current(t, false)).invoke(stored -> {
      if (stored == null) {
        return;
      }
      MetadataSnapshot snap = snapshot(stored.version(), stored.definitions());
      Map<PublishParticipant, Object> prepared = prepareAll(snap);
      activate(new Applied(snap, prepared, null));
    }).replaceWithVoid();
  }

  /**
   * Loads a version another node published (announced on {@link MetadataStore#CHANNEL}) when it is newer
   * than the live one here: the same preparation as a publish (the GraphQL schema included, built off the
   * event loop), then the swap. True when this node moved to it.
   */
  public Uni<Boolean> follow(int announced) {
    if (announced <= registry.current().version()) {
      return Uni.createFrom().item(false);
    }
    return tx.withConnection(t -> store.current(t, false)).chain(stored -> {
      if (stored == null || stored.version() <= registry.current().version()) {
        return Uni.createFrom().item(false);
      }
      MetadataSnapshot snap = snapshot(stored.version(), stored.definitions());
      return OffLoop.compute(() -> prepareAll(snap)).map(prepared -> {
        if (snap.version() <= registry.current().version()) {
          return false; // this node's own publish (or a newer one) got there first
        }
        activate(new Applied(snap, prepared, null));
        return true;
      });
    });
  }

  private Uni<PublishResult> run(Actor actor, boolean dryRun, Integer restoredFrom, PublishAudit.Pack pack,
      java.util.function.Function<List<JsonNode>, List<JsonNode>> next) {
    return tx.inTransaction(t -> store.current(t, true).chain(stored -> store.directory(t).chain(directory -> {
      List<JsonNode> currentDefs = stored == null ? List.of() : stored.definitions();
      List<JsonNode> merged = next.apply(currentDefs);
      // validation is CPU work: off the event loop
      return OffLoop.compute(() -> validator.validate(merged, directory))
          .chain(problems -> apply(t, stored, currentDefs, merged, problems, new Origin(actor, restoredFrom, pack), dryRun));
    }))).invoke(this::activate).map(Applied::result)
        .onFailure(Rollback.class).recoverWithItem(e -> ((Rollback) e).result)
        .onFailure(PlatformException.class).recoverWithItem(MetadataService::failed);
  }

  /** A validated changeset inside the publish transaction: DDL, publish steps, the new schema, the version row. */
  /** Who publishes, and whether it is a rollback (the version restored) or a pack install. */
  private record Origin(Actor actor, Integer restoredFrom, PublishAudit.Pack pack) {}

  private Uni<Applied> apply(Tx t, MetadataStore.StoredVersion stored, List<JsonNode> currentDefs, List<JsonNode> merged,
      List<Problem> problems, Origin origin, boolean dryRun) {
    Integer restoredFrom = origin.restoredFrom();
    if (!problems.isEmpty()) {
      return Uni.createFrom().failure(new Rollback(new PublishResult(null, false, problems, List.of())));
    }
    if (stored != null && merged.equals(currentDefs) && restoredFrom == null) {
      return Uni.createFrom().failure(new Rollback(new PublishResult(stored.version(), !dryRun, List.of(), List.of())));
    }
    MetadataSnapshot previous = stored == null ? MetadataSnapshot.EMPTY : snapshot(stored.version(), currentDefs);
    MetadataSnapshot candidate = snapshot(-1, merged);
    return store.applyDdl(t, List.copyOf(previous.entities().values()), List.copyOf(candidate.entities().values()))
        .chain(ddl -> steps(t, previous, candidate, ddl))
        // building the GraphQL schema is CPU work too
        .chain(changes -> OffLoop.compute(() -> prepareAll(candidate)).chain(prepared -> {
          if (dryRun) {
            return Uni.createFrom().<Applied>failure(new Rollback(new PublishResult(null, false, List.of(), changes)));
          }
          return store.append(t, merged, origin.actor().userId(), restoredFrom, String.join("; ", changes))
              .call(v -> Sequence.each(PublishAudit.events(currentDefs, merged, v, restoredFrom, origin.pack(), origin.actor()),
                  e -> security.write(t, e)))
              .map(v -> new Applied(candidate.withVersion(v), prepared, new PublishResult(v, true, List.of(), changes)));
        }));
  }

  private static PublishResult failed(Throwable e) {
    PlatformException pe = (PlatformException) e;
    if (pe.code() != ErrorCode.PUBLISH_FAILED) {
      throw pe;
    }
    String path = pe.field() == null ? "$" : pe.field();
    String zh = pe.message("zh-CN");
    Problem p = new Problem("PUBLISH_FAILED", path,
        zh.equals(pe.getMessage()) ? RequestMessages.text("PUBLISH_FAILED", java.util.Map.of("reason", pe.getMessage()))
            : LocalizedText.of(zh, pe.getMessage()));
    return new PublishResult(null, false, List.of(p), List.of());
  }

  /** The DDL changes followed by what each publish step changed in the data. */
  private Uni<List<String>> steps(Tx t, MetadataSnapshot previous, MetadataSnapshot candidate, List<String> ddl) {
    List<String> all = new ArrayList<>(ddl);
    return Sequence.each(steps, step -> step.apply(t, previous, candidate).invoke(all::addAll)).map(v -> all);
  }

  private Map<PublishParticipant, Object> prepareAll(MetadataSnapshot candidate) {
    Map<PublishParticipant, Object> prepared = new LinkedHashMap<>();
    for (PublishParticipant p : participants) {
      prepared.put(p, p.prepare(candidate));
    }
    return prepared;
  }

  private void activate(Applied applied) {
    registry.swap(applied.snapshot());
    applied.prepared().forEach((p, prepared) -> p.activate(applied.snapshot(), prepared));
  }

  static MetadataSnapshot snapshot(int version, List<JsonNode> defs) {
    return new MetadataSnapshot(version, defs);
  }
}
