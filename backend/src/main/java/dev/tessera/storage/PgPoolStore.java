package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.pool.PoolStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The pool tables (V3__pool.sql). */
@ApplicationScoped
public class PgPoolStore implements PoolStore {
  private static final String COLUMNS = "record_id, pool, entity, entered_at, previous_owner";
  private final PgSql sql;

  public PgPoolStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> enter(Tx tx, String pool, String entity, UUID recordId, String previousOwner) {
    return sql.query(tx, """
        INSERT INTO tessera_pool_entry (record_id, pool, entity, previous_owner) VALUES ($1, $2, $3, $4)
        ON CONFLICT (record_id) DO UPDATE SET pool = EXCLUDED.pool, entity = EXCLUDED.entity, entered_at = now(),
          previous_owner = EXCLUDED.previous_owner""", Tuple.of(recordId, pool, entity, previousOwner)).replaceWithVoid();
  }

  @Override
  public Uni<Entry> take(Tx tx, String pool, UUID recordId) {
    return sql.query(tx, "DELETE FROM tessera_pool_entry WHERE record_id = $1 AND pool = $2 RETURNING " + COLUMNS,
        Tuple.of(recordId, pool)).map(PgPoolStore::entry);
  }

  @Override
  public Uni<Entry> find(Tx tx, UUID recordId) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_pool_entry WHERE record_id = $1", Tuple.of(recordId))
        .map(PgPoolStore::entry);
  }

  @Override
  public Uni<java.util.List<Entry>> entries(Tx tx, String pool, UUID after, int limit) {
    String from = after == null ? "" : " AND (entered_at, record_id) > (SELECT entered_at, record_id FROM tessera_pool_entry"
        + " WHERE record_id = $2)";
    Tuple args = after == null ? Tuple.of(pool, limit) : Tuple.of(pool, after, limit);
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_pool_entry WHERE pool = $1" + from
        + " ORDER BY entered_at, record_id LIMIT $" + (after == null ? 2 : 3), args).map(rows -> {
          java.util.List<Entry> out = new java.util.ArrayList<>();
          for (Row r : rows) {
            out.add(entry(r));
          }
          return out;
        });
  }

  @Override
  public Uni<Void> claimed(Tx tx, String pool, UUID recordId, String username) {
    return sql.query(tx, "INSERT INTO tessera_pool_claim (pool, record_id, username) VALUES ($1, $2, $3)",
        Tuple.of(pool, recordId, username)).replaceWithVoid();
  }

  @Override
  public Uni<Long> claimsSince(Tx tx, String pool, String username, OffsetDateTime since) {
    return sql.query(tx, "SELECT count(*) FROM tessera_pool_claim WHERE pool = $1 AND username = $2 AND claimed_at >= $3",
        Tuple.of(pool, username, since)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Boolean> lockRecycling(Tx tx, String pool) {
    return sql.query(tx, "SELECT pg_try_advisory_xact_lock(hashtext('tessera.pool.recycle'), hashtext($1))", Tuple.of(pool))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static Entry entry(RowSet<Row> rows) {
    if (!rows.iterator().hasNext()) {
      return null;
    }
    return entry(rows.iterator().next());
  }

  private static Entry entry(Row r) {
    return new Entry(r.getUUID(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3), r.getString(4));
  }
}
