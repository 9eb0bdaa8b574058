package dev.tessera.record;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.OnDelete;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.RecordChanged.Operation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The only write path for records. Every write: converts and checks the values, runs the before-save
 * lane in the write's transaction, stores, appends its changes to the change feed in the same
 * transaction, and after commit fires {@link RecordChanged} for in-process caches.
 */
@ApplicationScoped
public class RecordService {
  private final RecordStore store;
  private final TxRunner tx;
  private final MetadataRegistry registry;
  private final List<BeforeSaveHook> hooks;
  private final Event<RecordChanged> changed;
  private final List<DerivedValues> derived;
  private final ChangeLog feed;
  private final AccessControl access;
  /** Per open transaction, the changes already sent with their record's write (entity|id|version). */
  private final Map<Tx, Set<String>> logged = new java.util.concurrent.ConcurrentHashMap<>();

  public RecordService(RecordStore store, TxRunner tx, MetadataRegistry registry, Instance<BeforeSaveHook> hooks,
      Event<RecordChanged> changed, Instance<DerivedValues> derived, ChangeLog feed, AccessControl access) {
    this.feed = feed;
    this.access = access;
    this.store = store;
    this.tx = tx;
    this.registry = registry;
    this.hooks = hooks.stream().sorted(Comparator.comparingInt(BeforeSaveHook::order)).toList();
    this.changed = changed;
    this.derived = derived.stream().toList();
  }

  /** A write's outcome plus the events to fire once it has committed. */
  private record Written<T>(T value, List<RecordChanged> events) {}

  public Uni<DataRecord> create(MetadataSnapshot meta, String entity, Map<String, Object> input, String ownerId,
      Actor actor) {
    return create(meta, entity, input, ownerId, actor, new ArrayList<>());
  }

  /** As {@link #create(MetadataSnapshot, String, Map, String, Actor)}; {@code warnings} gets what the lane warned of. */
  public Uni<DataRecord> create(MetadataSnapshot meta, String entity, Map<String, Object> input, String ownerId,
      Actor actor, List<PlatformException.FieldError> warnings) {
    return commit(t -> create(t, meta, meta.entity(entity), input, ownerId, actor, false, warnings)
        .map(r -> new Written<>(r, List.of(event(entity, Operation.CREATE, null, r, actor)))))
        .chain(r -> shown(actor, meta.entity(entity), r));
  }

  /** A record written for {@code actor}, as it may see it (cells it may not read left out). */
  private Uni<DataRecord> shown(Actor actor, EntityDefinition e, DataRecord r) {
    return access.of(actor).map(a -> a.show(e, r));
  }

  /**
   * Refuses unless {@code actor} may delete each of {@code rows} (a merge removes the merged records
   * without the delete path): NOT_FOUND for one it may not read, FORBIDDEN for one it may not delete.
   */
  public Uni<Void> mayDelete(Actor actor, EntityDefinition e, List<DataRecord> rows) {
    return access.of(actor).invoke(a -> rows.forEach(r -> a.mayDelete(e, r))).replaceWithVoid();
  }

  /** Creates all or nothing, in one transaction. */
  public Uni<List<DataRecord>> createMany(MetadataSnapshot meta, String entity, List<Map<String, Object>> inputs,
      Actor actor) {
    EntityDefinition e = meta.entity(entity);
    return commit(t -> Sequence.map(inputs, input -> create(t, meta, e, input, null, actor))
        .map(out -> new Written<>(out, out.stream().map(r -> event(entity, Operation.CREATE, null, r, actor)).toList())));
  }

  /** Most rows one import call takes. */
  public static final int MAX_IMPORT_ROWS = 1000;

  /**
   * Imports rows one by one, each in its own transaction through the whole before-save lane (so
   * duplicate rules act by their import action): a row that fails or is skipped as a duplicate
   * changes nothing and does not stop the rows after it, and later rows see the earlier ones.
   */
  public Uni<List<ImportRow>> importMany(MetadataSnapshot meta, String entity, List<Map<String, Object>> inputs,
      Actor actor) {
    EntityDefinition e = meta.entity(entity);
    if (inputs.size() > MAX_IMPORT_ROWS) {
      throw new PlatformException(ErrorCode.BAD_REQUEST,
          RecordMessages.text("TOO_MANY_ROWS", Map.of("max", MAX_IMPORT_ROWS, "count", inputs.size())), "inputs");
    }
    Actor importer = actor.via("import");
    return Sequence.map(java.util.stream.IntStream.range(0, inputs.size()).boxed().toList(), i -> {
      int row = i + 1;
      Map<String, Object> input = new LinkedHashMap<>(inputs.get(i));
      String owner = (String) input.remove("ownerId");
      List<PlatformException.FieldError> warnings = new ArrayList<>();
      return commit(t -> create(t, meta, e, input, owner, importer, true, warnings)
              .map(r -> new Written<>(r, List.of(event(entity, Operation.CREATE, null, r, importer)))))
          .map(r -> new ImportRow(row, ImportRow.Status.CREATED, r.id(), List.of(), List.copyOf(warnings)))
          .onFailure(PlatformException.class).recoverWithItem(x -> refused(row, (PlatformException) x));
    });
  }

  /** A refused row: skipped when every problem is a duplicate the rule skips, else failed. */
  private static ImportRow refused(int row, PlatformException x) {
    List<PlatformException.FieldError> problems = x.details().isEmpty()
        ? List.of(new PlatformException.FieldError(x.field(), x.code().name(), x.getMessage(), x.message("zh")))
        : x.details();
    boolean skipped = problems.stream().allMatch(p -> "DUPLICATE_SKIPPED".equals(p.code()));
    return new ImportRow(row, skipped ? ImportRow.Status.SKIPPED : ImportRow.Status.FAILED, null, problems, List.of());
  }

  public Uni<DataRecord> update(MetadataSnapshot meta, String entity, UUID id, int version,
      Map<String, Object> patch, String ownerId, Actor actor) {
    return update(meta, entity, id, version, patch, ownerId, actor, new ArrayList<>());
  }

  /** As {@link #update(MetadataSnapshot, String, UUID, int, Map, String, Actor)}; {@code warnings} gets what the lane warned of. */
  public Uni<DataRecord> update(MetadataSnapshot meta, String entity, UUID id, int version,
      Map<String, Object> patch, String ownerId, Actor actor, List<PlatformException.FieldError> warnings) {
    EntityDefinition e = meta.entity(entity);
    return commit(t -> {
      List<RecordChanged> events = new ArrayList<>();
      return update(t, meta, e, id, version, patch, ownerId, actor, events, warnings)
          .map(after -> new Written<>(after, events));
    }).chain(r -> shown(actor, e, r));
  }

  /**
   * Runs several writes as one transaction (a merge, its undo): {@code work} gets the transaction and a
   * list for the events of its writes, which fire once it has committed.
   */
  public <T> Uni<T> inOneTransaction(BiFunction<Tx, List<RecordChanged>, Uni<T>> work) {
    return commit(t -> {
      List<RecordChanged> events = new ArrayList<>();
      return work.apply(t, events).map(value -> new Written<>(value, events));
    });
  }

  /**
   * Gives a record another owner (null: nobody, e.g. back in a pool) inside {@link #inOneTransaction}:
   * a claim, a release or recycling. Ownership is not data, so the before-save lane does not run (no
   * rule can stop a claim); the change is an UPDATE event like any other, so flows see it.
   */
  public Uni<DataRecord> changeOwner(Tx t, EntityDefinition e, DataRecord before, String owner, Actor actor,
      List<RecordChanged> events) {
    return store.update(t, e, before.id(), before.version(), before.data(), owner, actor.userId()).invoke(after -> {
      if (after == null) {
        throw conflict(e, before.id(), before.version(), -1);
      }
      events.add(event(e.name(), Operation.UPDATE, before, after, actor));
    });
  }

  /** An update inside {@link #inOneTransaction}: the same checks and before-save lane as any update. */
  public Uni<DataRecord> update(Tx t, MetadataSnapshot meta, EntityDefinition e, UUID id, int version,
      Map<String, Object> patch, String ownerId, Actor actor, List<RecordChanged> events) {
    return update(t, meta, e, id, version, patch, ownerId, actor, events, new ArrayList<>());
  }

  private Uni<DataRecord> update(Tx t, MetadataSnapshot meta, EntityDefinition e, UUID id, int version,
      Map<String, Object> patch, String ownerId, Actor actor, List<RecordChanged> events,
      List<PlatformException.FieldError> warnings) {
    return access.of(actor).chain(a -> store.findById(t, e, id, false).chain(before -> {
      if (before == null) {
        throw RecordValidator.notFound(e, id);
      }
      Map<String, Object> data = RecordValidator.merge(e, before.data(), patch, false);
      Set<String> changed = new java.util.TreeSet<>();
      patch.keySet().forEach(k -> {
        if (!sameValue(before.data().get(k), data.get(k))) {
          changed.add(k);
        }
      });
      a.mayUpdate(e, before, patch.keySet(), changed);
      if (before.version() != version) {
        throw conflict(e, id, version, before.version());
      }
      SaveContext ctx = new SaveContext(meta, e, Operation.UPDATE, id, before, data,
          ownerId != null ? ownerId : before.ownerId(), ownerId != null, actor, t);
      return beforeSave(ctx).invoke(() -> logWithRecord(ctx, new RecordChanged(e.name(), id, Operation.UPDATE, before.data(), data,
              before.version() + 1, actor.userId(), before.ownerId(), ctx.owner(), actor.source())))
          .chain(() -> ctx.withQueuedWrites(store.update(t, e, id, version, data, ctx.owner(), actor.userId())))
          .invoke(after -> {
            if (after == null) {
              throw conflict(e, id, version, -1);
            }
            events.add(event(e.name(), Operation.UPDATE, before, after, actor));
            warnings.addAll(ctx.warnings());
          });
    }));
  }

  public Uni<Boolean> delete(MetadataSnapshot meta, String entity, UUID id, Actor actor) {
    return commit(t -> {
      List<RecordChanged> events = new ArrayList<>();
      return access.of(actor).chain(a -> delete(t, meta, meta.entity(entity), id, actor, a, events))
          .map(ok -> new Written<>(ok, events));
    });
  }

  public Uni<DataRecord> restore(MetadataSnapshot meta, String entity, UUID id, Actor actor) {
    EntityDefinition e = meta.entity(entity);
    return access.of(actor).chain(a -> commit(t -> store.restore(t, e, id, actor.userId()).map(r -> {
      if (r == null) {
        throw new PlatformException(ErrorCode.NOT_FOUND,
            RecordMessages.text("NOT_IN_BIN", Map.of("entity", RecordMessages.entity(e), "id", id)), "id");
      }
      a.mayDelete(e, r);
      return new Written<>(r, List.of(event(entity, Operation.RESTORE, null, r, actor)));
    })).map(r -> a.show(e, r)));
  }

  /** The current snapshot, for callers outside a GraphQL request. */
  public MetadataSnapshot metadata() {
    return registry.current();
  }

  /** A create inside {@link #inOneTransaction} (a flow's step): the same checks and before-save lane as any create. */
  public Uni<DataRecord> create(Tx t, MetadataSnapshot meta, EntityDefinition e, Map<String, Object> input,
      String ownerId, Actor actor, List<RecordChanged> events) {
    return create(t, meta, e, input, ownerId, actor).invoke(r -> events.add(event(e.name(), Operation.CREATE, null, r, actor)));
  }

  /** A create in a batch; what the lane warns of is not reported (the batch returns records only). */
  private Uni<DataRecord> create(Tx t, MetadataSnapshot meta, EntityDefinition e, Map<String, Object> input,
      String ownerId, Actor actor) {
    return create(t, meta, e, input, ownerId, actor, false, new ArrayList<>());
  }

  /** A create ({@code importing}: a row of an import); {@code warnings} gets what the lane warned of. */
  private Uni<DataRecord> create(Tx t, MetadataSnapshot meta, EntityDefinition e, Map<String, Object> input,
      String ownerId, Actor actor, boolean importing, List<PlatformException.FieldError> warnings) {
    Map<String, Object> data = RecordValidator.merge(e, null, input, true);
    applyLiteralDefaults(e, data, input);
    SaveContext ctx = new SaveContext(meta, e, Operation.CREATE, Uuids.v7(), null, data,
        ownerId != null ? ownerId : actor.userId(), ownerId != null, actor, t).importing(importing);
    Set<String> given = new java.util.TreeSet<>(input.keySet());
    given.remove("ownerId");
    return access.of(actor).invoke(a -> a.mayCreate(e, candidate(ctx, actor), given))
        .chain(a -> autoNumbers(t, e, data).chain(() -> beforeSave(ctx))
        // the scope again on the record as the lane completed it (defaults, formulas)
        .invoke(() -> a.mayCreate(e, candidate(ctx, actor), Set.of())))
        .invoke(() -> logWithRecord(ctx, new RecordChanged(e.name(), ctx.id(), Operation.CREATE, null, data, 1,
            actor.userId(), null, ctx.owner(), actor.source())))
        .chain(() -> ctx.withQueuedWrites(store.insert(t, e, candidate(ctx, actor))))
        .invoke(() -> warnings.addAll(ctx.warnings()));
  }

  /** Whether a write leaves a value as it was (numbers by value: 20 and 20.0 are the same). */
  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
    }
    return java.util.Objects.equals(a, b);
  }

  /** The record a create would store, as it stands. */
  private static DataRecord candidate(SaveContext ctx, Actor actor) {
    return new DataRecord(ctx.id(), ctx.data(), ctx.owner(), 1, null, null, actor.userId(), actor.userId(), null);
  }

  private static void applyLiteralDefaults(EntityDefinition e, Map<String, Object> data, Map<String, Object> input) {
    for (FieldDefinition f : e.fields()) {
      if (f.defaultValue() != null && !f.defaultValue().isNull() && !input.containsKey(f.name())) {
        Object raw = dev.tessera.metamodel.json.MetamodelJson.mapper().convertValue(f.defaultValue(), Object.class);
        data.put(f.name(), ValueConverter.convert(f, raw));
      }
    }
  }

  private Uni<Void> autoNumbers(Tx t, EntityDefinition e, Map<String, Object> data) {
    return Sequence.each(e.fields().stream().filter(f -> f.type() == FieldType.AUTO_NUMBER).toList(),
        f -> store.nextAutoNumber(t, e, f).invoke(n -> data.put(f.name(), AutoNumbers.format(f, n))));
  }

  /** A delete the actor asked for: refused (rolled back) unless {@code a} lets it delete the record. */
  private Uni<Boolean> delete(Tx t, MetadataSnapshot meta, EntityDefinition e, UUID id, Actor actor, Access a,
      List<RecordChanged> events) {
    return delete(t, meta, e, id, actor, events, deleted -> a.mayDelete(e, deleted));
  }

  /** A delete that follows another (onDelete cascade): the metadata decided it, not the actor's rights. */
  private Uni<Boolean> delete(Tx t, MetadataSnapshot meta, EntityDefinition e, UUID id, Actor actor,
      List<RecordChanged> events) {
    return delete(t, meta, e, id, actor, events, deleted -> {});
  }

  private Uni<Boolean> delete(Tx t, MetadataSnapshot meta, EntityDefinition e, UUID id, Actor actor,
      List<RecordChanged> events, java.util.function.Consumer<DataRecord> allowed) {
    // the delete takes the row first: of concurrent deletes exactly one finds it live, the others wait
    // for its commit and find nothing (NOT_FOUND); only the winner cascades and records a DELETE
    return store.softDelete(t, e, id, actor.userId()).chain(deleted -> {
      if (deleted == null) {
        throw RecordValidator.notFound(e, id);
      }
      allowed.accept(deleted);
      // the change carries the version the delete gave the row, so it sorts after the record's last update
      return cascade(t, meta, e, id, actor, events)
          .invoke(() -> events.add(event(e.name(), Operation.DELETE, deleted, null, actor))).replaceWith(true);
    });
  }

  /** Applies each referencing field's onDelete to the live records pointing at {@code id}. */
  private Uni<Void> cascade(Tx t, MetadataSnapshot meta, EntityDefinition target, UUID id, Actor actor,
      List<RecordChanged> events) {
    return Sequence.each(meta.referencesTo(target.name()), ref -> store.referencing(t, ref.entity(), ref.field(), id.toString())
        .chain(refs -> refs.isEmpty() ? Uni.createFrom().voidItem() : onDelete(t, meta, ref.entity(), ref.field(), refs, actor, events)));
  }

  private Uni<Void> onDelete(Tx t, MetadataSnapshot meta, EntityDefinition e, FieldDefinition f,
      List<DataRecord> refs, Actor actor, List<RecordChanged> events) {
    if (f.onDelete() == OnDelete.RESTRICT) {
      throw new PlatformException(ErrorCode.VALIDATION_FAILED, RecordMessages.text("STILL_REFERENCED",
          Map.of("count", refs.size(), "entity", RecordMessages.entity(e), "field", RecordMessages.fieldName(f))), f.name());
    }
    return Sequence.each(refs, r -> {
      if (f.onDelete() == OnDelete.CASCADE) {
        return delete(t, meta, e, r.id(), actor, events);
      }
      Map<String, Object> data = new LinkedHashMap<>(r.data());
      data.remove(f.name());
      derived.forEach(d -> d.recompute(meta, e, data));
      return store.update(t, e, r.id(), r.version(), data, r.ownerId(), actor.userId())
          .invoke(after -> events.add(event(e.name(), Operation.UPDATE, r, after, actor)));
    });
  }

  /**
   * The before-save lane: every hook in order (defaults, formulas and validation rules first), then the
   * field checks; all problems found are reported together as one VALIDATION_FAILED.
   */
  private Uni<Void> beforeSave(SaveContext ctx) {
    return Sequence.each(hooks, h -> h.beforeSave(ctx)).invoke(() -> {
      List<PlatformException.FieldError> errors = new ArrayList<>(RecordValidator.check(ctx.entity(),
          ctx.before() == null ? null : ctx.before().data(), ctx.data()));
      errors.addAll(ctx.problems());
      if (!errors.isEmpty()) {
        throw PlatformException.validation(errors);
      }
    });
  }

  /**
   * Commits {@code work}: its changes go to the change feed in its transaction (those a create or update
   * already sent with the record's write are not sent again), and are fired for in-process caches
   * after the commit.
   */
  private <T> Uni<T> commit(java.util.function.Function<Tx, Uni<Written<T>>> work) {
    return tx.inTransaction(t -> work.apply(t).call(w -> {
      Set<String> sent = logged.get(t);
      List<RecordChanged> rest = sent == null ? w.events()
          : w.events().stream().filter(c -> !sent.contains(key(c))).toList();
      return rest.isEmpty() ? Uni.createFrom().voidItem() : feed.append(t, rest);
    }).eventually(() -> logged.remove(t)))
        .invoke(w -> w.events().forEach(changed::fireAsync)).map(Written::value);
  }

  /**
   * Sends a create's or update's change with the record's write (pipelined on the connection, no
   * round trip of its own); the commit then leaves it out.
   */
  private void logWithRecord(SaveContext ctx, RecordChanged change) {
    ctx.writeWithRecord(feed.append(ctx.tx(), List.of(change)));
    logged.computeIfAbsent(ctx.tx(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(key(change));
  }

  private static String key(RecordChanged c) {
    return c.entity() + "|" + c.id() + "|" + c.version();
  }

  private static RecordChanged event(String entity, Operation op, DataRecord before, DataRecord after, Actor actor) {
    return RecordChanged.of(entity, op, before, after, actor);
  }

  private static PlatformException conflict(EntityDefinition e, UUID id, int expected, int actual) {
    Object now = actual > 0 ? RecordMessages.text("NOW_AT", Map.of("version", actual)) : "";
    Object version = actual > 0 ? RecordMessages.text("VERSION_N", Map.of("version", actual)) : RecordMessages.text("LATEST");
    return new PlatformException(ErrorCode.VERSION_CONFLICT, RecordMessages.text("VERSION_CONFLICT",
        Map.of("entity", RecordMessages.entity(e), "id", id, "now", now, "version", version)), "version");
  }
}
