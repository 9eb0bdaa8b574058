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

  /**
   * One statement inserts the rows and announces each on {@link NotificationStore#CHANNEL} as
   * {@code id:recipient}; PostgreSQL delivers the announcements when (and only if) the transaction commits.
   */
  @Override
  public Uni<Void> add(Tx tx, List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = notifications.size();
    String[] recipient = new String[n], kind = new String[n], titleZh = new String[n], titleEn = new String[n],
        bodyZh = new String[n], bodyEn = new String[n], entity = new String[n];
    java.util.UUID[] record = new java.util.UUID[n];
    for (int i = 0; i < n; i++) {
      Notification x = notifications.get(i);
      recipient[i] = x.recipient();
      kind[i] = x.kind();
      titleZh[i] = x.titleZh();
      titleEn[i] = x.titleEn();
      bodyZh[i] = x.bodyZh();
      bodyEn[i] = x.bodyEn();
      entity[i] = x.entity();
      record[i] = x.recordId();
    }
    return sql.query(tx, "WITH ins AS (INSERT INTO tessera_notification (recipient, kind, title_zh, title_en, body_zh,"
        + " body_en, entity, record_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
        + " $6::text[], $7::text[], $8::uuid[]) RETURNING id, recipient)"
        + " SELECT pg_notify('" + CHANNEL + "', id || ':' || recipient) FROM ins",
        Tuple.from(new Object[] {recipient, kind, titleZh, titleEn, bodyZh, bodyEn, entity, record})).replaceWithVoid();
  }

  @Override
  public Uni<Notification> byId(Tx tx, long id) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_notification WHERE id = $1", Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : notification(rows.iterator().next()));
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
