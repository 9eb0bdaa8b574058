package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The only read path for records, as {@link RecordService} is the only write path: by id, lists,
 * counts, aggregates, the batched reference and reverse-reference loads, and the records other
 * capabilities show (pool listings, duplicate candidates, merge history) pass through here, each for
 * an {@link Actor}. Permissions are applied here and nowhere else, so no read path can skip them: the
 * records a caller may read (record scope, narrowed to those on which every field the query filters,
 * sorts or groups on is readable) are ANDed into each statement, and cells the caller may not read are
 * left out of each record returned ({@link Access}). Reads run on a pooled connection without a
 * transaction, or on the caller's transaction ({@code Tx} variants) when a service reads inside its own.
 */
@ApplicationScoped
public class RecordReader {
  private final RecordStore store;
  private final TxRunner tx;
  private final AccessControl access;

  public RecordReader(RecordStore store, TxRunner tx, AccessControl access) {
    this.store = store;
    this.tx = tx;
    this.access = access;
  }

  /** A live record ({@code deleted}: one in the recycle bin), or null when there is none the actor may read. */
  public Uni<DataRecord> byId(Actor actor, EntityDefinition e, UUID id, boolean deleted) {
    return access.of(actor).chain(a -> tx.withConnection(t -> store.findById(t, e, id, deleted))
        .map(r -> r == null ? null : a.show(e, r)));
  }

  public Uni<List<DataRecord>> byIds(Actor actor, EntityDefinition e, Collection<UUID> ids) {
    return tx.withConnection(t -> byIds(t, actor, e, ids));
  }

  /** As {@link #byIds(Actor, EntityDefinition, Collection)}, on the caller's transaction. */
  public Uni<List<DataRecord>> byIds(Tx t, Actor actor, EntityDefinition e, Collection<UUID> ids) {
    return access.of(actor).chain(a -> store.findByIds(t, e, ids).map(rows -> show(a, e, rows)));
  }

  /**
   * Unowned records waiting in a pool or a queue, on the caller's transaction, as the actor would see
   * them once it claimed them: a pool shows its members what they could work on, which their record
   * scope (own, team) cannot reach while nobody owns the record; their field rights apply.
   */
  public Uni<List<DataRecord>> claimable(Tx t, Actor actor, EntityDefinition e, Collection<UUID> ids) {
    return access.of(actor).chain(a -> store.findByIds(t, e, ids).map(rows -> {
      List<DataRecord> out = new ArrayList<>(rows.size());
      for (DataRecord r : rows) {
        DataRecord shown = a.showClaimable(e, r);
        if (shown != null) {
          out.add(shown);
        }
      }
      return out;
    }));
  }

  /**
   * What the actor may do with a record, live or in the recycle bin (read, update, delete, each field),
   * as enforcement decides; nothing when there is no such record or the actor may not read it.
   */
  public Uni<Access.Rights> rights(Actor actor, EntityDefinition e, UUID id) {
    return access.of(actor).chain(a -> tx.withConnection(t -> store.findById(t, e, id, false)
            .chain(r -> r != null ? Uni.createFrom().item(r) : store.findById(t, e, id, true)))
        .map(r -> r != null ? a.rights(e, r) : new Access.Rights(false, false, false, Map.of(), Map.of())));
  }

  /** One keyset page. */
  public Uni<List<DataRecord>> find(Actor actor, RecordQuery q) {
    return access.of(actor).chain(a -> {
      Set<String> used = fields(q.filter());
      q.page().order().forEach(k -> addField(k.column(), used));
      RecordQuery scoped = new RecordQuery(q.entity(), and(a, q.entity(), q.filter(), used), q.page(), q.deleted());
      return tx.withConnection(t -> store.find(t, scoped)).map(rows -> found(a, q.entity(), rows));
    });
  }

  public Uni<Long> count(Actor actor, EntityDefinition e, Filter filter, boolean deleted) {
    return access.of(actor).chain(a -> tx.withConnection(t -> store.count(t, e, and(a, e, filter, fields(filter)), deleted)));
  }

  /** Per key of {@code reference}, the first page of live records of {@code source} pointing at it. */
  public Uni<Map<String, List<DataRecord>>> byReference(Actor actor, EntityDefinition source, FieldDefinition reference,
      Collection<String> keys, Filter filter, Page page) {
    return access.of(actor).chain(a -> {
      Set<String> used = fields(filter);
      used.add(reference.name());
      page.order().forEach(k -> addField(k.column(), used));
      return tx.withConnection(t -> store.findByReference(t, source, reference, keys, and(a, source, filter, used), page))
          .map(found -> {
            Map<String, List<DataRecord>> out = new HashMap<>();
            found.forEach((k, rows) -> out.put(k, found(a, source, rows)));
            return out;
          });
    });
  }

  public Uni<Map<String, Long>> countByReference(Actor actor, EntityDefinition source, FieldDefinition reference,
      Collection<String> keys, Filter filter) {
    return access.of(actor).chain(a -> {
      Set<String> used = fields(filter);
      used.add(reference.name());
      return tx.withConnection(t -> store.countByReference(t, source, reference, keys, and(a, source, filter, used)));
    });
  }

  public Uni<List<AggregateRow>> aggregate(Actor actor, AggregateRequest r) {
    return access.of(actor).chain(a -> {
      Set<String> used = fields(r.filter());
      r.groupBy().forEach(c -> addField(c, used));
      // a sum, average, minimum or maximum of a field counts only where the caller reads it wherever it reads
      // the record; of any other field it is left out (a total over cells it may not see would tell of them)
      List<FieldDefinition> measured = a.unrestricted() ? r.measured()
          : r.measured().stream().filter(f -> a.readableWherever(r.entity(), f.name())).toList();
      AggregateRequest scoped = new AggregateRequest(r.entity(), and(a, r.entity(), r.filter(), used), r.groupBy(),
          measured);
      return tx.withConnection(t -> store.aggregate(t, scoped));
    });
  }

  /**
   * Records another capability read itself (the candidates of a duplicate check, a merge's history),
   * passed through the same gate before anyone sees them: those the actor may not read are left out,
   * and of the rest the cells it may not read.
   */
  public Uni<List<DataRecord>> admit(Actor actor, EntityDefinition e, List<DataRecord> rows) {
    return access.of(actor).map(a -> show(a, e, rows));
  }

  private static List<DataRecord> show(Access a, EntityDefinition e, List<DataRecord> rows) {
    if (a.unrestricted()) {
      return rows;
    }
    List<DataRecord> out = new ArrayList<>(rows.size());
    for (DataRecord r : rows) {
      DataRecord shown = a.show(e, r);
      if (shown != null) {
        out.add(shown);
      }
    }
    return out;
  }

  /** Records a statement scoped with {@link #and} read, as the caller may see them. */
  private static List<DataRecord> found(Access a, EntityDefinition e, List<DataRecord> rows) {
    if (a.unrestricted()) {
      return rows;
    }
    List<DataRecord> out = new ArrayList<>(rows.size());
    for (DataRecord r : rows) {
      out.add(a.showFound(e, r));
    }
    return out;
  }

  private static Filter and(Access a, EntityDefinition e, Filter filter, Set<String> used) {
    if (a.unrestricted()) {
      return filter;
    }
    Filter readable = a.readable(e, used);
    return filter == null ? readable : new Filter.And(List.of(filter, readable));
  }

  /** The fields (not system columns) a filter names. */
  static Set<String> fields(Filter filter) {
    Set<String> out = new TreeSet<>();
    collect(filter, out);
    return out;
  }

  private static void collect(Filter f, Set<String> out) {
    if (f instanceof Filter.And and) {
      and.parts().forEach(p -> collect(p, out));
    } else if (f instanceof Filter.Or or) {
      or.parts().forEach(p -> collect(p, out));
    } else if (f instanceof Filter.Not not) {
      collect(not.inner(), out);
    } else if (f instanceof Filter.Compare c) {
      addField(c.column(), out);
    }
  }

  private static void addField(Column c, Set<String> out) {
    if (c.field() != null) {
      out.add(c.field().name());
    }
  }
}
