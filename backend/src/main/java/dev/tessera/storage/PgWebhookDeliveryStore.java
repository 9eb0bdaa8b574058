package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.webhook.WebhookDelivery;
import dev.tessera.webhook.WebhookDeliveryStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Outgoing webhook deliveries and their attempts (V20). */
@ApplicationScoped
public class PgWebhookDeliveryStore implements WebhookDeliveryStore {
  private final PgSql sql;

  public PgWebhookDeliveryStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<WebhookDelivery> open(Tx tx, String key, String url, Long outboxId) {
    return sql.query(tx, WebhookSql.OPEN, Tuple.of(UUID.randomUUID(), key, url, outboxId))
        .map(rows -> delivery(rows.iterator().next(), "status"));
  }

  @Override
  public Uni<Void> attempted(Tx tx, UUID delivery, WebhookDelivery.Attempt a, String status, String responseBody) {
    return sql.query(tx, WebhookSql.ATTEMPT, Tuple.from(new Object[] {delivery, a.attempt(), a.statusCode(), a.durationMs(),
            a.error(), a.responseExcerpt()}))
        .chain(() -> sql.query(tx, WebhookSql.ATTEMPTED, Tuple.from(new Object[] {delivery, a.attempt(), status,
            a.statusCode(), responseBody})))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<WebhookDelivery>> list(Tx tx, String status, int limit) {
    return sql.query(tx, WebhookSql.LIST, Tuple.of(status, limit)).chain(rows -> withAttempts(tx, rows));
  }

  @Override
  public Uni<WebhookDelivery> byId(Tx tx, UUID id) {
    return sql.query(tx, WebhookSql.BY_ID, Tuple.of(id)).chain(rows -> withAttempts(tx, rows))
        .map(l -> l.isEmpty() ? null : l.get(0));
  }

  @Override
  public Uni<Void> status(Tx tx, UUID id, String status) {
    return sql.query(tx, WebhookSql.STATUS, Tuple.of(id, status)).replaceWithVoid();
  }

  @Override
  public Uni<Integer> purgeFinished(Tx tx, java.time.OffsetDateTime cutoff, int limit) {
    return sql.query(tx, WebhookSql.PURGE_FINISHED, Tuple.of(cutoff, limit)).map(RowSet::rowCount);
  }

  private Uni<List<WebhookDelivery>> withAttempts(Tx tx, RowSet<Row> rows) {
    Map<UUID, WebhookDelivery> byId = new LinkedHashMap<>();
    rows.forEach(r -> byId.put(r.getUUID("id"), delivery(r, "shown")));
    if (byId.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return sql.query(tx, WebhookSql.ATTEMPTS, Tuple.of(byId.keySet().toArray(UUID[]::new))).map(attempts -> {
      Map<UUID, List<WebhookDelivery.Attempt>> of = new LinkedHashMap<>();
      attempts.forEach(r -> of.computeIfAbsent(r.getUUID("delivery_id"), k -> new ArrayList<>()).add(new WebhookDelivery.Attempt(
          r.getInteger("attempt"), r.getInteger("status_code"), r.getInteger("duration_ms"), r.getString("error"),
          r.getString("response_excerpt"), r.getOffsetDateTime("at"))));
      List<WebhookDelivery> out = new ArrayList<>();
      byId.forEach((id, d) -> out.add(d.withAttempts(of.getOrDefault(id, List.of()))));
      return out;
    });
  }

  private static WebhookDelivery delivery(Row r, String statusColumn) {
    return new WebhookDelivery(r.getUUID("id"), r.getString("idempotency_key"), r.getLong("outbox_id"), r.getString("url"),
        r.getString(statusColumn), r.getInteger("attempts"), r.getInteger("last_status_code"), r.getString("response_body"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), List.of());
  }
}
