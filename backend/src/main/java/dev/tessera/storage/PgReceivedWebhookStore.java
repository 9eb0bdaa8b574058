package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.webhook.inbound.InboundResult;
import dev.tessera.webhook.inbound.ReceivedWebhookStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Inbound payloads already applied (V20). */
@ApplicationScoped
public class PgReceivedWebhookStore implements ReceivedWebhookStore {
  private final PgSql sql;

  public PgReceivedWebhookStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<InboundResult> find(Tx tx, String source, String key) {
    return sql.query(tx, WebhookSql.RECEIVED, Tuple.of(source, key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new InboundResult(r.getUUID("record_id"), r.getBoolean("created"), true);
    });
  }

  @Override
  public Uni<Boolean> add(Tx tx, String source, String key, String entity, UUID recordId, boolean created) {
    return sql.query(tx, WebhookSql.RECEIVE, Tuple.of(source, key, entity, recordId, created)).map(rows -> rows.rowCount() > 0);
  }
}
