package dev.tessera.storage;

import dev.tessera.assignment.AssignmentStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The assignment engine's tables (V2__assignment.sql). */
@ApplicationScoped
public class PgAssignmentStore implements AssignmentStore {
  private final PgSql sql;

  public PgAssignmentStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Long> takeTurn(Tx tx, String ruleId, String entryId, String target) {
    return sql.query(tx, """
        INSERT INTO tessera_assignment_turn (rule_id, entry_id, target, taken) VALUES ($1, $2, $3, 1)
        ON CONFLICT (rule_id, entry_id, target) DO UPDATE SET taken = tessera_assignment_turn.taken + 1
        RETURNING taken""", Tuple.of(ruleId, entryId, target))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Long> nextTurn(Tx tx, String ruleId, String entryId, String target) {
    return sql.query(tx, "SELECT tessera_next_turn($1, $2, $3)", Tuple.of(ruleId, entryId, target))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Long> peekTurn(Tx tx, String ruleId, String entryId, String target) {
    return sql.query(tx, "SELECT tessera_peek_turn($1, $2, $3)", Tuple.of(ruleId, entryId, target))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Void> trace(Tx tx, String entity, UUID recordId, String owner, Map<String, Object> trace) {
    return sql.query(tx, "INSERT INTO tessera_assignment_trace (entity, record_id, owner_id, trace) VALUES ($1, $2, $3, $4::text::jsonb)",
        Tuple.of(entity, recordId, owner, Json.write(trace))).replaceWithVoid();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Uni<List<Map<String, Object>>> traces(Tx tx, UUID recordId) {
    return sql.query(tx, "SELECT trace::text, assigned_at FROM tessera_assignment_trace WHERE record_id = $1 ORDER BY id DESC",
        Tuple.of(recordId)).map(rows -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rows) {
            Map<String, Object> t = new java.util.LinkedHashMap<>(Json.toMap(r.getString(0)));
            t.put("assignedAt", r.getOffsetDateTime(1).toString());
            out.add(t);
          }
          return out;
        });
  }
}
