package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.stage.StageRequestStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The stage requests (V26__stage_gates.sql). */
@ApplicationScoped
public class PgStageRequestStore implements StageRequestStore {
  private static final String COLUMNS = "id, entity, record_id, field, from_stage, to_stage, flow, instance_id,"
      + " requested_by, comment, status, reason, reason_zh, created_at, decided_at";
  private final PgSql sql;

  public PgStageRequestStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Request> insert(Tx tx, Request r) {
    return sql.query(tx, """
            INSERT INTO tessera_stage_request (id, entity, record_id, field, from_stage, to_stage, flow, instance_id,
              requested_by, comment)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (entity, record_id, field) WHERE status = 'pending' DO NOTHING
            RETURNING\s""" + COLUMNS,
        Tuple.from(new Object[] {r.id(), r.entity(), r.recordId(), r.field(), r.from(), r.to(), r.flow(), r.instanceId(),
            r.requestedBy(), r.comment()}))
        .map(PgStageRequestStore::one);
  }

  @Override
  public Uni<Request> pending(Tx tx, String entity, UUID recordId, String field) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_stage_request WHERE entity = $1 AND record_id = $2"
        + " AND field = $3 AND status = 'pending' FOR UPDATE", Tuple.of(entity, recordId, field)).map(PgStageRequestStore::one);
  }

  @Override
  public Uni<Request> ofInstance(Tx tx, UUID instanceId) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_stage_request WHERE instance_id = $1 FOR UPDATE",
        Tuple.of(instanceId)).map(PgStageRequestStore::one);
  }

  @Override
  public Uni<Void> close(Tx tx, UUID id, Status status, String reason, String reasonZh) {
    return sql.query(tx, "UPDATE tessera_stage_request SET status = $2, reason = $3, reason_zh = $4, decided_at = now()"
        + " WHERE id = $1 AND status = 'pending'", Tuple.of(id, status.sql(), reason, reasonZh)).replaceWithVoid();
  }

  @Override
  public Uni<List<Request>> ofRecord(Tx tx, UUID recordId, int limit) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_stage_request WHERE record_id = $1"
        + " ORDER BY created_at DESC, id DESC LIMIT $2", Tuple.of(recordId, limit)).map(PgStageRequestStore::all);
  }

  private static Request one(RowSet<Row> rows) {
    List<Request> all = all(rows);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<Request> all(RowSet<Row> rows) {
    List<Request> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Request(r.getUUID(0), r.getString(1), r.getUUID(2), r.getString(3), r.getString(4), r.getString(5),
          r.getString(6), r.getUUID(7), r.getString(8), r.getString(9), Status.of(r.getString(10)), r.getString(11),
          r.getString(12), r.getOffsetDateTime(13), r.getOffsetDateTime(14)));
    }
    return out;
  }
}
