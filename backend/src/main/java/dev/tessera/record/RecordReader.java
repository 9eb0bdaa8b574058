package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only read path for records, as {@link RecordService} is the only write path: by id, lists,
 * counts, aggregates, the batched reference and reverse-reference loads, and the records other
 * capabilities show (pool listings, duplicate candidates, merge history) pass through here, each for
 * an {@link Actor}. Permissions (roles, field and record scope) will be applied in {@link #scope} and
 * {@link #admit} and nowhere else, so no read path can skip them; until then both let everything
 * through. Reads run on a pooled connection without a transaction, or on the caller's transaction
 * ({@code Tx} variants) when a service reads inside its own.
 */
@ApplicationScoped
public class RecordReader {
  private final RecordStore store;
  private final TxRunner tx;

  public RecordReader(RecordStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /** A live record ({@code deleted}: one in the recycle bin), or null when there is none the actor may read. */
  public Uni<DataRecord> byId(Actor actor, EntityDefinition e, UUID id, boolean deleted) {
    return tx.withConnection(t -> store.findById(t, e, id, deleted)).map(r -> r == null ? null : admitOne(actor, e, r));
  }

  public Uni<List<DataRecord>> byIds(Actor actor, EntityDefinition e, Collection<UUID> ids) {
    return tx.withConnection(t -> byIds(t, actor, e, ids));
  }

  /** As {@link #byIds(Actor, EntityDefinition, Collection)}, on the caller's transaction. */
  public Uni<List<DataRecord>> byIds(Tx t, Actor actor, EntityDefinition e, Collection<UUID> ids) {
    return store.findByIds(t, e, ids).map(rows -> admit(actor, e, rows));
  }

  /** One keyset page. */
  public Uni<List<DataRecord>> find(Actor actor, RecordQuery q) {
    RecordQuery scoped = new RecordQuery(q.entity(), scope(actor, q.entity(), q.filter()), q.page(), q.deleted());
    return tx.withConnection(t -> store.find(t, scoped)).map(rows -> admit(actor, q.entity(), rows));
  }

  public Uni<Long> count(Actor actor, EntityDefinition e, Filter filter, boolean deleted) {
    return tx.withConnection(t -> store.count(t, e, scope(actor, e, filter), deleted));
  }

  /** Per key of {@code reference}, the first page of live records of {@code source} pointing at it. */
  public Uni<Map<String, List<DataRecord>>> byReference(Actor actor, EntityDefinition source, FieldDefinition reference,
      Collection<String> keys, Filter filter, Page page) {
    return tx.withConnection(t -> store.findByReference(t, source, reference, keys, scope(actor, source, filter), page))
        .map(found -> {
          Map<String, List<DataRecord>> out = new java.util.HashMap<>();
          found.forEach((k, rows) -> out.put(k, admit(actor, source, rows)));
          return out;
        });
  }

  public Uni<Map<String, Long>> countByReference(Actor actor, EntityDefinition source, FieldDefinition reference,
      Collection<String> keys, Filter filter) {
    return tx.withConnection(t -> store.countByReference(t, source, reference, keys, scope(actor, source, filter)));
  }

  public Uni<List<AggregateRow>> aggregate(Actor actor, AggregateRequest r) {
    AggregateRequest scoped = new AggregateRequest(r.entity(), scope(actor, r.entity(), r.filter()), r.groupBy(),
        r.measured());
    return tx.withConnection(t -> store.aggregate(t, scoped));
  }

  /**
   * Records another capability read itself (the candidates of a duplicate check, a merge's history),
   * passed through the same gate before anyone sees them.
   */
  public List<DataRecord> admit(Actor actor, EntityDefinition e, List<DataRecord> rows) {
    return rows;
  }

  private DataRecord admitOne(Actor actor, EntityDefinition e, DataRecord r) {
    List<DataRecord> admitted = admit(actor, e, List.of(r));
    return admitted.isEmpty() ? null : admitted.get(0);
  }

  /** The filter narrowed to the records the actor may see (record scope); today all of them. */
  private Filter scope(Actor actor, EntityDefinition e, Filter filter) {
    return filter;
  }
}
