package dev.tessera.storage;

import dev.tessera.audit.ActivityKey;
import dev.tessera.audit.AuditLogFilter;
import dev.tessera.audit.AuditLogStore;
import dev.tessera.audit.SecurityEvent;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The security audit log in tessera_security_log, and the retention of it and of the record trail. */
@ApplicationScoped
public class PgAuditLogStore implements AuditLogStore {
  private final PgSql sql;

  public PgAuditLogStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> append(Tx tx, SecurityEvent e) {
    return sql.query(tx, AuditSql.APPEND, Tuple.from(new Object[] {e.kind().name(), e.actor(), e.path(), e.subject(),
        e.address(), Json.write(e.details())})).replaceWithVoid();
  }

  @Override
  public Uni<List<SecurityEvent>> events(Tx tx, AuditLogFilter f, Long beforeId, int limit) {
    String[] kinds = f.kinds() == null ? null : f.kinds().stream().map(Enum::name).toArray(String[]::new);
    return sql.query(tx, AuditSql.EVENTS, Tuple.from(new Object[] {f.actor(), f.subject(), kinds, f.from(), f.to(),
        beforeId, limit})).map(PgAuditLogStore::events);
  }

  @Override
  public Uni<List<SecurityEvent>> eventsOf(Tx tx, String username, ActivityKey before, int limit) {
    return sql.query(tx, AuditSql.EVENTS_OF, Tuple.from(new Object[] {username, before == null ? null : before.at(),
        before == null ? 0 : before.rank(), before == null ? 0L : before.id(), limit})).map(PgAuditLogStore::events);
  }

  @Override
  public Uni<Integer> purgeSecurityLog(Tx tx, OffsetDateTime cutoff, int limit) {
    return sql.query(tx, AuditSql.PURGE_SECURITY_LOG, Tuple.of(cutoff, limit)).map(RowSet::rowCount);
  }

  @Override
  public Uni<Integer> purgeRecordTrail(Tx tx, OffsetDateTime cutoff, int limit) {
    return sql.query(tx, AuditSql.PURGE_RECORD_TRAIL, Tuple.of(cutoff, limit)).map(RowSet::rowCount);
  }

  private static List<SecurityEvent> events(RowSet<Row> rows) {
    List<SecurityEvent> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new SecurityEvent(r.getLong("id"), r.getOffsetDateTime("at"), SecurityEvent.Kind.valueOf(r.getString("kind")),
          r.getString("actor"), r.getString("path"), r.getString("subject"), r.getString("address"),
          Json.toMap(r.getString("details"))));
    }
    return out;
  }
}
