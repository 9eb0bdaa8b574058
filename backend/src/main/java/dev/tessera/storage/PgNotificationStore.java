package dev.tessera.storage;

import dev.tessera.notification.Notification;
import dev.tessera.notification.NotificationStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The inbox table (V6__merge.sql). */
@ApplicationScoped
public class PgNotificationStore implements NotificationStore {
  private static final String COLUMNS =
      "id, recipient, kind, title_zh, title_en, body_zh, body_en, entity, record_id, read, created_at";
  private final PgSql sql;

  public PgNotificationStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> add(Tx tx, List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    for (Notification n : notifications) {
      rows.add(Tuple.from(new Object[] {n.recipient(), n.kind(), n.titleZh(), n.titleEn(), n.bodyZh(), n.bodyEn(),
          n.entity(), n.recordId()}));
    }
    return sql.batch(tx, "INSERT INTO tessera_notification (recipient, kind, title_zh, title_en, body_zh, body_en, entity,"
        + " record_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", rows);
  }

  @Override
  public Uni<List<Notification>> list(Tx tx, String recipient, boolean unreadOnly, int limit) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_notification WHERE recipient = $1"
        + (unreadOnly ? " AND NOT read" : "") + " ORDER BY id DESC LIMIT $2", Tuple.of(recipient, limit)).map(rows -> {
          List<Notification> out = new ArrayList<>();
          rows.forEach(r -> out.add(notification(r)));
          return out;
        });
  }

  @Override
  public Uni<Integer> markRead(Tx tx, String recipient, Collection<Long> ids) {
    return sql.query(tx, "UPDATE tessera_notification SET read = true WHERE recipient = $1 AND id = ANY($2) AND NOT read",
        Tuple.of(recipient, ids.toArray(Long[]::new))).map(rows -> rows.rowCount());
  }

  private static Notification notification(Row r) {
    return new Notification(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7), r.getUUID(8), r.getBoolean(9), r.getOffsetDateTime(10));
  }
}
