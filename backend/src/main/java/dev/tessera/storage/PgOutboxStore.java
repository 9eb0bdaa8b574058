package dev.tessera.storage;

import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.OutboxEntry;
import dev.tessera.outbox.OutboxStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The outbox table (V20). */
@ApplicationScoped
public class PgOutboxStore implements OutboxStore {
  private final PgSql sql;

  public PgOutboxStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Boolean> add(Tx tx, OutboundMessage m, boolean sent) {
    return sql.query(tx, OutboxSql.ADD, Tuple.from(new Object[] {m.idempotencyKey(), m.channel().name(), m.recipient(),
        m.subject(), m.body(), Json.write(m.data()), sent})).map(rows -> rows.size() > 0);
  }

  @Override
  public Uni<OutboxEntry> claimDue(Tx tx) {
    return sql.query(tx, OutboxSql.CLAIM).map(PgOutboxStore::first);
  }

  @Override
  public Uni<Void> markSent(Tx tx, long id) {
    return sql.query(tx, OutboxSql.SENT, Tuple.of(id)).replaceWithVoid();
  }

  @Override
  public Uni<Void> attemptFailed(Tx tx, long id, String error, Duration delay) {
    return sql.query(tx, OutboxSql.ATTEMPT_FAILED, Tuple.of(id, error, delay == null ? null : delay.toMillis()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Boolean> resend(Tx tx, long id) {
    return sql.query(tx, OutboxSql.RESEND, Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  @Override
  public Uni<Integer> purgeDone(Tx tx, java.time.OffsetDateTime cutoff, int limit) {
    return sql.query(tx, OutboxSql.PURGE_DONE, Tuple.of(cutoff, limit)).map(RowSet::rowCount);
  }

  @Override
  public Uni<OutboxEntry> byKey(Tx tx, String idempotencyKey) {
    return sql.query(tx, OutboxSql.BY_KEY, Tuple.of(idempotencyKey)).map(PgOutboxStore::first);
  }

  private static OutboxEntry first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    OutboundMessage m = new OutboundMessage(r.getString("idempotency_key"), Channel.valueOf(r.getString("channel")),
        r.getString("recipient"), r.getString("subject"), r.getString("body"), Json.toMap(r.getString("data")));
    return new OutboxEntry(r.getLong("id"), m, r.getString("state"), r.getInteger("attempts"), r.getString("last_error"));
  }
}
