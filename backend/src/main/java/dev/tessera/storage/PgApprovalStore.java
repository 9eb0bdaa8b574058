package dev.tessera.storage;

import dev.tessera.approval.ApprovalRules;
import dev.tessera.approval.ApprovalStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The approval tables (V24__approvals.sql). */
@ApplicationScoped
public class PgApprovalStore implements ApprovalStore {
  private static final String COLUMNS = "a.id, a.instance_id, a.node, a.visit, a.flow, a.entity, a.record_id, a.title,"
      + " a.mode, a.pass_ratio, a.status, a.submitted_by, a.fields::text, a.allow_return, a.allow_withdraw, a.deadline,"
      + " a.reminded_at, a.created_at, a.decided_at";
  private static final String TASK = "id, approval_id, approver, position, status, added_by, decided_at, comment";
  private final PgSql sql;

  public PgApprovalStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Approval> create(Tx tx, Approval a, List<NewTask> tasks) {
    return sql.query(tx, """
            INSERT INTO tessera_approval (id, instance_id, node, visit, flow, entity, record_id, title, mode, pass_ratio,
              status, submitted_by, fields, allow_return, allow_withdraw, deadline)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, $14, $15, $16)
            ON CONFLICT (instance_id, node, visit) DO NOTHING RETURNING id""",
        Tuple.from(new Object[] {a.id(), a.instanceId(), a.node(), a.visit(), a.flow(), a.entity(), a.recordId(), a.title(),
            a.mode(), a.passRatio() == null ? null : BigDecimal.valueOf(a.passRatio()), a.status().sql(), a.submittedBy(),
            Json.write(a.fields()), a.allowReturn(), a.allowWithdraw(), a.deadline()}))
        .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem() : addTasks(tx, a.id(), tasks))
        .chain(() -> sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_approval a WHERE instance_id = $1 AND node = $2"
            + " AND visit = $3", Tuple.of(a.instanceId(), a.node(), a.visit())))
        .map(PgApprovalStore::one);
  }

  @Override
  public Uni<Approval> lock(Tx tx, UUID id) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_approval a WHERE id = $1 FOR UPDATE", Tuple.of(id))
        .map(PgApprovalStore::one);
  }

  @Override
  public Uni<Approval> find(Tx tx, UUID id) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_approval a WHERE id = $1", Tuple.of(id))
        .map(PgApprovalStore::one);
  }

  @Override
  public Uni<List<Task>> tasks(Tx tx, UUID approvalId) {
    return sql.query(tx, "SELECT " + TASK + " FROM tessera_approval_task WHERE approval_id = $1 ORDER BY position, id",
        Tuple.of(approvalId)).map(rows -> {
          List<Task> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Task(r.getLong(0), r.getUUID(1), r.getString(2), r.getInteger(3),
                ApprovalRules.TaskStatus.of(r.getString(4)), r.getString(5), r.getOffsetDateTime(6), r.getString(7)));
          }
          return out;
        });
  }

  @Override
  public Uni<Void> setTask(Tx tx, long taskId, ApprovalRules.TaskStatus status, String comment) {
    return sql.query(tx, "UPDATE tessera_approval_task SET status = $2, comment = $3, decided_at = now() WHERE id = $1",
        Tuple.of(taskId, status.sql(), comment)).replaceWithVoid();
  }

  @Override
  public Uni<Void> setTasks(Tx tx, Collection<Long> taskIds, ApprovalRules.TaskStatus status) {
    if (taskIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    boolean decided = status != ApprovalRules.TaskStatus.PENDING && status != ApprovalRules.TaskStatus.WAITING;
    return sql.query(tx, "UPDATE tessera_approval_task SET status = $2" + (decided ? ", decided_at = now()" : "")
        + " WHERE id = ANY($1)", Tuple.of(taskIds.toArray(Long[]::new), status.sql())).replaceWithVoid();
  }

  @Override
  public Uni<Void> addTasks(Tx tx, UUID approvalId, List<NewTask> tasks) {
    if (tasks.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    for (NewTask t : tasks) {
      rows.add(Tuple.of(approvalId, t.approver(), t.position(), t.status().sql(), t.addedBy()));
    }
    return sql.batch(tx, "INSERT INTO tessera_approval_task (approval_id, approver, position, status, added_by)"
        + " VALUES ($1, $2, $3, $4, $5)", rows);
  }

  @Override
  public Uni<Void> shift(Tx tx, UUID approvalId, int from) {
    return sql.query(tx, "UPDATE tessera_approval_task SET position = position + 1 WHERE approval_id = $1 AND position >= $2",
        Tuple.of(approvalId, from)).replaceWithVoid();
  }

  @Override
  public Uni<Void> setStatus(Tx tx, UUID id, ApprovalRules.Status status) {
    boolean decided = status != ApprovalRules.Status.PENDING;
    return sql.query(tx, "UPDATE tessera_approval SET status = $2, decided_at = " + (decided ? "now()" : "NULL")
        + " WHERE id = $1", Tuple.of(id, status.sql())).replaceWithVoid();
  }

  @Override
  public Uni<Void> reminded(Tx tx, UUID id, OffsetDateTime at) {
    return sql.query(tx, "UPDATE tessera_approval SET reminded_at = $2 WHERE id = $1", Tuple.of(id, at)).replaceWithVoid();
  }

  @Override
  public Uni<Void> event(Tx tx, UUID approvalId, String actor, String action, String comment, Map<String, Object> details) {
    return sql.query(tx, "INSERT INTO tessera_approval_event (approval_id, actor, action, comment, details)"
            + " VALUES ($1, $2, $3, $4, $5::text::jsonb)",
        Tuple.of(approvalId, actor, action, comment, details == null || details.isEmpty() ? null : Json.write(details)))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<Event>> events(Tx tx, UUID approvalId) {
    return sql.query(tx, "SELECT id, approval_id, at, actor, action, comment, details::text FROM tessera_approval_event"
        + " WHERE approval_id = $1 ORDER BY id", Tuple.of(approvalId)).map(rows -> {
          List<Event> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Event(r.getLong(0), r.getUUID(1), r.getOffsetDateTime(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6) == null ? Map.of() : Json.toMap(r.getString(6))));
          }
          return out;
        });
  }

  @Override
  public Uni<List<Approval>> mine(Tx tx, String username, List<String> statuses, int limit) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_approval a WHERE a.id IN (SELECT approval_id FROM"
            + " tessera_approval_task WHERE approver = $1 AND status = ANY($2)) ORDER BY a.created_at DESC, a.id LIMIT $3",
        Tuple.of(username, statuses.toArray(String[]::new), limit)).map(PgApprovalStore::all);
  }

  @Override
  public Uni<List<Approval>> pending(Tx tx, UUID instanceId) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_approval a WHERE instance_id = $1 AND status = 'pending'"
        + " ORDER BY a.created_at, a.id", Tuple.of(instanceId)).map(PgApprovalStore::all);
  }

  @Override
  public Uni<List<String>> lastApprovers(Tx tx, UUID instanceId, UUID before) {
    return sql.query(tx, """
            SELECT t.approver FROM tessera_approval_task t WHERE t.status = 'approved' AND t.approval_id = (
              SELECT id FROM tessera_approval WHERE instance_id = $1 AND id <> $2 AND status = 'approved'
              ORDER BY decided_at DESC, created_at DESC LIMIT 1)""", Tuple.of(instanceId, before))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  private static Approval one(RowSet<Row> rows) {
    return rows.size() == 0 ? null : approval(rows.iterator().next());
  }

  private static List<Approval> all(RowSet<Row> rows) {
    List<Approval> out = new ArrayList<>();
    rows.forEach(r -> out.add(approval(r)));
    return out;
  }

  private static Approval approval(Row r) {
    BigDecimal ratio = r.getBigDecimal(9);
    Map<String, String> fields = new LinkedHashMap<>();
    Json.toMap(r.getString(12)).forEach((k, v) -> fields.put(k, String.valueOf(v)));
    return new Approval(r.getUUID(0), r.getUUID(1), r.getString(2), r.getInteger(3), r.getString(4), r.getString(5),
        r.getUUID(6), r.getString(7), r.getString(8), ratio == null ? null : ratio.doubleValue(),
        ApprovalRules.Status.of(r.getString(10)), r.getString(11), fields, r.getBoolean(13), r.getBoolean(14),
        r.getOffsetDateTime(15), r.getOffsetDateTime(16), r.getOffsetDateTime(17), r.getOffsetDateTime(18));
  }
}
