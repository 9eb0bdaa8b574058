package dev.tessera.storage;

import dev.tessera.audit.ActivityKey;
import dev.tessera.change.AuditStore;
import dev.tessera.change.Change;
import dev.tessera.change.ChangeFeedStore;
import dev.tessera.platform.Tx;
import dev.tessera.record.ChangeLog;
import dev.tessera.record.RecordChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The change feed in tessera_change, the subscribers' checkpoints and the audit trail. */
@ApplicationScoped
public class PgChangeStore implements ChangeLog, ChangeFeedStore, AuditStore {
  private final PgSql sql;

  public PgChangeStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> append(Tx tx, List<RecordChanged> changes) {
    List<Tuple> rows = new ArrayList<>(changes.size());
    for (RecordChanged c : changes) {
      rows.add(Tuple.from(new Object[] {c.entity(), c.id(), c.operation().name(), c.version(), Json.write(c.changedFields()),
          c.ownerBefore(), c.ownerAfter(), c.actor(), c.source()}));
    }
    return rows.size() == 1 ? sql.query(tx, ChangeSql.APPEND, rows.get(0)).replaceWithVoid() : sql.batch(tx, ChangeSql.APPEND, rows);
  }

  @Override
  public Uni<Integer> sequence(Tx tx, int max) {
    return sql.query(tx, ChangeSql.TRY_SEQUENCER_LOCK).chain(rows -> rows.iterator().next().getBoolean(0)
        ? sql.query(tx, ChangeSql.SEQUENCE, Tuple.of(max)).map(RowSet::rowCount)
        : Uni.createFrom().item(0));
  }

  @Override
  public Uni<Void> register(Tx tx, String subscriber) {
    return sql.query(tx, ChangeSql.REGISTER, Tuple.of(subscriber)).replaceWithVoid();
  }

  @Override
  public Uni<Long> lock(Tx tx, String subscriber) {
    return sql.query(tx, ChangeSql.LOCK, Tuple.of(subscriber))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<List<Change>> after(Tx tx, long position, int limit) {
    return sql.query(tx, ChangeSql.AFTER, Tuple.of(position, limit)).map(PgChangeStore::changes);
  }

  @Override
  public Uni<Long> upTo(Tx tx, long position, int limit) {
    return sql.query(tx, ChangeSql.UP_TO, Tuple.of(position, limit)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Void> recordRange(Tx tx, long after, long upTo) {
    return sql.query(tx, ChangeSql.AUDIT_RANGE, Tuple.of(after, upTo)).replaceWithVoid();
  }

  @Override
  public Uni<Void> advance(Tx tx, String subscriber, long position, int delivered) {
    return sql.query(tx, ChangeSql.ADVANCE, Tuple.of(subscriber, position, delivered)).replaceWithVoid();
  }

  @Override
  public Uni<Void> failed(Tx tx, String subscriber, String error) {
    return sql.query(tx, ChangeSql.FAILED, Tuple.of(subscriber, error)).replaceWithVoid();
  }

  @Override
  public Uni<Integer> prune(Tx tx, Duration retention) {
    return sql.query(tx, ChangeSql.PRUNE, Tuple.of((double) retention.toSeconds())).map(RowSet::rowCount);
  }

  @Override
  public Uni<Status> status(Tx tx) {
    return sql.query(tx, ChangeSql.HEAD).chain(h -> {
      Row head = h.iterator().next();
      long top = head.getLong("head");
      return sql.query(tx, ChangeSql.SUBSCRIBERS).map(rows -> {
        List<SubscriberState> out = new ArrayList<>();
        for (Row r : rows) {
          long p = r.getLong("position");
          out.add(new SubscriberState(r.getString("name"), p, Math.max(0, top - p), r.getLong("delivered"),
              r.getOffsetDateTime("updated_at"), r.getString("last_error"), r.getOffsetDateTime("oldest")));
        }
        return new Status(top, head.getLong("unpositioned"), out);
      });
    });
  }

  @Override
  public Uni<Void> record(Tx tx, List<Change> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(batch.size());
    for (Change c : batch) {
      rows.add(Tuple.from(new Object[] {c.position(), c.entity(), c.recordId(), c.operation(), c.version(),
          Json.write(c.changes()), c.ownerBefore(), c.ownerAfter(), c.actor(), c.source(), c.committedAt()}));
    }
    return sql.batch(tx, ChangeSql.AUDIT, rows);
  }

  @Override
  public Uni<List<Change>> history(Tx tx, String entity, UUID id, Long before, int limit) {
    return sql.query(tx, ChangeSql.HISTORY, Tuple.of(entity, id, before, limit)).map(PgChangeStore::changes);
  }

  @Override
  public Uni<List<Change>> byActor(Tx tx, String actor, ActivityKey before, int limit) {
    return sql.query(tx, ChangeSql.BY_ACTOR, Tuple.from(new Object[] {actor, before == null ? null : before.at(),
        before == null ? 0 : before.rank(), before == null ? 0L : before.id(), limit})).map(PgChangeStore::changes);
  }

  private static List<Change> changes(RowSet<Row> rows) {
    List<Change> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Change(r.getLong("position"), r.getString("entity"), r.getUUID("record_id"), r.getString("operation"),
          r.getInteger("version"), Json.toMap(r.getString("changes")), r.getString("owner_before"),
          r.getString("owner_after"), r.getString("actor"), r.getString("source"), r.getOffsetDateTime("committed_at")));
    }
    return out;
  }
}
