package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.sla.SlaState;
import dev.tessera.sla.SlaStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The SLA state table ({@code V25__sla.sql}). */
@ApplicationScoped
public class PgSlaStore implements SlaStore {
  private final PgSql sql;

  public PgSlaStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<SlaState>> lock(Tx tx, UUID recordId) {
    return sql.query(tx, SlaSql.LOCK, Tuple.of(recordId)).map(PgSlaStore::all);
  }

  @Override
  public Uni<Void> save(Tx tx, SlaState s) {
    return sql.query(tx, SlaSql.SAVE, Tuple.from(new Object[] {s.id, s.policy, s.entity, s.recordId, s.target,
        s.responseTarget, s.resolutionTarget, t(s.startedAt), t(s.since), s.elapsed, s.paused, t(s.respondedAt),
        t(s.resolvedAt), t(s.responseWarnedAt), t(s.resolutionWarnedAt), t(s.responseBreachedAt),
        t(s.resolutionBreachedAt), s.escalations, t(s.responseDue), t(s.resolutionDue), t(s.nextAt), s.status.sql()}))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<SlaState>> due(Tx tx, Instant now, int limit) {
    return sql.query(tx, SlaSql.DUE, Tuple.of(t(now), limit)).map(PgSlaStore::all);
  }

  @Override
  public Uni<List<SlaState>> of(Tx tx, Collection<UUID> recordIds) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return sql.query(tx, SlaSql.OF, Tuple.of(recordIds.toArray(UUID[]::new))).map(PgSlaStore::all);
  }

  private static List<SlaState> all(RowSet<Row> rows) {
    List<SlaState> out = new ArrayList<>();
    for (Row r : rows) {
      SlaState s = new SlaState();
      s.id = r.getUUID(0);
      s.policy = r.getString(1);
      s.entity = r.getString(2);
      s.recordId = r.getUUID(3);
      s.target = r.getInteger(4);
      s.responseTarget = r.getLong(5);
      s.resolutionTarget = r.getLong(6);
      s.startedAt = i(r.getOffsetDateTime(7));
      s.since = i(r.getOffsetDateTime(8));
      s.elapsed = r.getLong(9);
      s.paused = r.getBoolean(10);
      s.respondedAt = i(r.getOffsetDateTime(11));
      s.resolvedAt = i(r.getOffsetDateTime(12));
      s.responseWarnedAt = i(r.getOffsetDateTime(13));
      s.resolutionWarnedAt = i(r.getOffsetDateTime(14));
      s.responseBreachedAt = i(r.getOffsetDateTime(15));
      s.resolutionBreachedAt = i(r.getOffsetDateTime(16));
      s.escalations = r.getInteger(17);
      s.responseDue = i(r.getOffsetDateTime(18));
      s.resolutionDue = i(r.getOffsetDateTime(19));
      s.nextAt = i(r.getOffsetDateTime(20));
      s.status = SlaState.Status.of(r.getString(21));
      out.add(s);
    }
    return out;
  }

  private static OffsetDateTime t(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static Instant i(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
