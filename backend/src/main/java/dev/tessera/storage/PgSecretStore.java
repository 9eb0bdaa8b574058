package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.webhook.SecretStore;
import dev.tessera.webhook.SecretName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Named secrets (V20), stored as given (ADR 0048). */
@ApplicationScoped
public class PgSecretStore implements SecretStore {
  private final PgSql sql;

  public PgSecretStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> put(Tx tx, String name, String value, String by) {
    return sql.query(tx, WebhookSql.PUT_SECRET, Tuple.of(name, value, by)).replaceWithVoid();
  }

  @Override
  public Uni<Boolean> delete(Tx tx, String name) {
    return sql.query(tx, WebhookSql.DELETE_SECRET, Tuple.of(name)).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Uni<List<SecretName>> names(Tx tx) {
    return sql.query(tx, WebhookSql.SECRET_NAMES).map(rows -> {
      List<SecretName> out = new ArrayList<>();
      rows.forEach(r -> out.add(new SecretName(r.getString(0), r.getOffsetDateTime(1), r.getString(2))));
      return out;
    });
  }

  @Override
  public Uni<String> value(Tx tx, String name) {
    return sql.query(tx, WebhookSql.SECRET_VALUE, Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }
}
