package dev.tessera.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.flow.FlowInstance;
import dev.tessera.flow.FlowStep;
import dev.tessera.flow.FlowStore;
import dev.tessera.flow.FlowToken;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The flow engine's tables (V19__flows.sql). */
@ApplicationScoped
public class PgFlowStore implements FlowStore {
  private static final String INSTANCE = "i.id, i.flow, i.version, i.entity, i.record_id, i.status, i.outcome,"
      + " i.variables::text, i.trigger_key, i.started_by, i.test, i.started_at, i.ended_at";
  private static final String TOKEN = "t.id, t.instance_id, t.node, t.state, t.due_at, t.attempt, t.visit,"
      + " t.wait::text, t.step_id, t.error";
  private static final String CLAIMED = "SELECT " + TOKEN + ", " + INSTANCE
      + " FROM tessera_flow_token t JOIN tessera_flow_instance i ON i.id = t.instance_id";
  private final PgSql sql;

  public PgFlowStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<Version>> latestVersions(Tx tx) {
    return sql.query(tx, "SELECT DISTINCT ON (flow) flow, version, metadata_version, definition::text, published_at"
        + " FROM tessera_flow_version ORDER BY flow, version DESC").map(PgFlowStore::versions);
  }

  @Override
  public Uni<Version> version(Tx tx, String flow, int version) {
    return sql.query(tx, "SELECT flow, version, metadata_version, definition::text, published_at FROM tessera_flow_version"
        + " WHERE flow = $1 AND version = $2", Tuple.of(flow, version))
        .map(rows -> versions(rows).stream().findFirst().orElse(null));
  }

  @Override
  public Uni<Version> versionAt(Tx tx, String flow, int metadataVersion) {
    return sql.query(tx, "SELECT flow, version, metadata_version, definition::text, published_at FROM tessera_flow_version"
        + " WHERE flow = $1 AND metadata_version <= $2 ORDER BY version DESC LIMIT 1", Tuple.of(flow, metadataVersion))
        .map(rows -> versions(rows).stream().findFirst().orElse(null));
  }

  private static List<Version> versions(RowSet<Row> rows) {
    List<Version> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Version(r.getString(0), r.getInteger(1), r.getInteger(2), Json.parse(r.getString(3)),
        r.getOffsetDateTime(4))));
    return out;
  }

  @Override
  public Uni<Void> addVersion(Tx tx, Version v) {
    return sql.query(tx, "INSERT INTO tessera_flow_version (flow, version, metadata_version, definition)"
            + " VALUES ($1, $2, $3, $4::text::jsonb)",
        Tuple.of(v.flow(), v.version(), v.metadataVersion(), v.definition().toString())).replaceWithVoid();
  }

  @Override
  public Uni<Boolean> start(Tx tx, FlowInstance i, List<String> nodes, OffsetDateTime due) {
    return sql.query(tx, """
            WITH ins AS (
              INSERT INTO tessera_flow_instance (id, flow, version, entity, record_id, status, variables, trigger_key,
                started_by, test)
              VALUES ($1, $2, $3, $4, $5, 'running', $6::text::jsonb, $7, $8, $9)
              ON CONFLICT (flow, trigger_key) DO NOTHING RETURNING id),
            tok AS (
              INSERT INTO tessera_flow_token (instance_id, node, state, due_at)
              SELECT ins.id, n, 'ready', $11 FROM ins, unnest($10::text[]) n RETURNING 1)
            SELECT (SELECT count(*) FROM ins), pg_notify('%s', '') FROM (SELECT count(*) FROM tok) x"""
            .formatted(CHANNEL),
        Tuple.from(new Object[] {i.id(), i.flow(), i.version(), i.entity(), i.recordId(), Json.write(i.variables()),
            i.triggerKey(), i.startedBy(), i.test(), nodes.toArray(String[]::new), due}))
        .map(rows -> rows.iterator().next().getLong(0) > 0);
  }

  @Override
  public Uni<Integer> startMany(Tx tx, String flow, int version, String entity, List<UUID> recordIds, String keyPrefix,
      String startedBy, List<String> nodes, OffsetDateTime due) {
    List<String> keys = recordIds.stream().map(r -> keyPrefix + r).toList();
    List<String> starters = java.util.Collections.nCopies(recordIds.size(), startedBy);
    return startEach(tx, flow, version, entity, recordIds, keys, starters, nodes, due);
  }

  @Override
  public Uni<Integer> startEach(Tx tx, String flow, int version, String entity, List<UUID> recordIds, List<String> keys,
      List<String> startedBy, List<String> nodes, OffsetDateTime due) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    UUID[] ids = new UUID[recordIds.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = dev.tessera.record.Uuids.v7();
    }
    return sql.query(tx, """
            WITH ins AS (
              INSERT INTO tessera_flow_instance (id, flow, version, entity, record_id, status, trigger_key, started_by)
              SELECT i, $1, $2, $3, r, 'running', k, s FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) AS x(i, r, k, s)
              ON CONFLICT (flow, trigger_key) DO NOTHING RETURNING id),
            tok AS (
              INSERT INTO tessera_flow_token (instance_id, node, state, due_at)
              SELECT ins.id, n, 'ready', $9 FROM ins, unnest($8::text[]) n RETURNING 1)
            SELECT (SELECT count(*) FROM ins), pg_notify('%s', '') FROM (SELECT count(*) FROM tok) x"""
            .formatted(CHANNEL),
        Tuple.from(new Object[] {flow, version, entity, ids, recordIds.toArray(UUID[]::new), keys.toArray(String[]::new),
            startedBy.toArray(String[]::new), nodes.toArray(String[]::new), due}))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Uni<java.util.Set<UUID>> enrolledAmong(Tx tx, String flow, List<UUID> recordIds, boolean openOnly) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(java.util.Set.of());
    }
    return sql.query(tx, "SELECT DISTINCT record_id FROM tessera_flow_instance WHERE record_id = ANY($1) AND flow = $2"
            + (openOnly ? " AND ended_at IS NULL" : "") + " AND NOT test",
        Tuple.of(recordIds.toArray(UUID[]::new), flow)).map(rows -> {
          java.util.Set<UUID> out = new java.util.HashSet<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  @Override
  public Uni<Integer> startedSince(Tx tx, String flow, OffsetDateTime since) {
    return sql.query(tx, "SELECT count(*) FROM tessera_flow_instance WHERE flow = $1 AND started_at > $2",
        Tuple.of(flow, since)).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Uni<List<Claimed>> claimDue(Tx tx, int limit) {
    return sql.query(tx, CLAIMED + " WHERE t.id IN (SELECT id FROM tessera_flow_token"
            + " WHERE state IN ('ready', 'waiting') AND due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
            + " ORDER BY t.due_at, t.id", Tuple.of(limit)).map(rows -> {
              List<Claimed> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Claimed(token(r, 0), instance(r, 10))));
              return out;
            });
  }

  @Override
  public Uni<Claimed> lock(Tx tx, long tokenId) {
    return sql.query(tx, CLAIMED + " WHERE t.id = (SELECT id FROM tessera_flow_token WHERE id = $1"
            + " FOR UPDATE SKIP LOCKED)", Tuple.of(tokenId))
        .map(PgFlowStore::firstClaimed);
  }

  private static Claimed firstClaimed(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Claimed(token(r, 0), instance(r, 10));
  }

  @Override
  public Uni<Void> moveToken(Tx tx, FlowToken t) {
    return sql.query(tx, """
            UPDATE tessera_flow_token SET node = $2, state = $3, due_at = $4, attempt = $5, visit = $6, wait = $7::text::jsonb,
              step_id = $8, error = $9, updated_at = now() WHERE id = $1""",
        Tuple.from(new Object[] {t.id(), t.node(), t.state().sql(), t.dueAt(), t.attempt(), t.visit(),
            t.waitFor() == null ? null : Json.write(t.waitFor()), t.stepId(), t.error()})).replaceWithVoid();
  }

  @Override
  public Uni<Long> addToken(Tx tx, UUID instanceId, String node, OffsetDateTime due, int visit) {
    return sql.query(tx, "INSERT INTO tessera_flow_token (instance_id, node, state, due_at, visit)"
            + " VALUES ($1, $2, 'ready', $3, $4) RETURNING id", Tuple.of(instanceId, node, due, visit))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Void> deleteToken(Tx tx, long tokenId) {
    return sql.query(tx, "DELETE FROM tessera_flow_token WHERE id = $1", Tuple.of(tokenId)).replaceWithVoid();
  }

  @Override
  public Uni<List<FlowToken>> endPath(Tx tx, long tokenId, UUID instanceId) {
    // the delete and the select see the same snapshot: the select leaves the deleted token out itself
    return sql.query(tx, "WITH d AS (DELETE FROM tessera_flow_token WHERE id = $1) SELECT " + TOKEN
        + " FROM tessera_flow_token t WHERE instance_id = $2 AND id <> $1 ORDER BY id", Tuple.of(tokenId, instanceId))
        .map(rows -> {
          List<FlowToken> out = new ArrayList<>();
          rows.forEach(r -> out.add(token(r, 0)));
          return out;
        });
  }

  @Override
  public Uni<List<FlowToken>> tokens(Tx tx, UUID instanceId) {
    return sql.query(tx, "SELECT " + TOKEN + " FROM tessera_flow_token t WHERE instance_id = $1 ORDER BY id",
        Tuple.of(instanceId)).map(rows -> {
          List<FlowToken> out = new ArrayList<>();
          rows.forEach(r -> out.add(token(r, 0)));
          return out;
        });
  }

  @Override
  public Uni<Void> deleteTokens(Tx tx, UUID instanceId) {
    return sql.query(tx, "DELETE FROM tessera_flow_token WHERE instance_id = $1", Tuple.of(instanceId)).replaceWithVoid();
  }

  @Override
  public Uni<Long> addStep(Tx tx, FlowStep s) {
    return sql.query(tx, """
            INSERT INTO tessera_flow_step (instance_id, node, attempt, status, branch, started_at, ended_at, input, output, error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10) RETURNING id""",
        Tuple.from(new Object[] {s.instanceId(), s.node(), s.attempt(), s.status(), s.branch(), s.startedAt(),
            s.endedAt(), s.input() == null ? null : Json.write(s.input()),
            s.output() == null ? null : Json.write(s.output()), s.error()}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Void> addSteps(Tx tx, List<FlowStep> steps) {
    if (steps.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (steps.size() == 1) {
      return addStep(tx, steps.get(0)).replaceWithVoid();
    }
    int n = steps.size();
    UUID[] instance = new UUID[n];
    String[] node = new String[n], status = new String[n], branch = new String[n], input = new String[n],
        output = new String[n], error = new String[n];
    Integer[] attempt = new Integer[n];
    OffsetDateTime[] started = new OffsetDateTime[n], ended = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      FlowStep s = steps.get(i);
      instance[i] = s.instanceId();
      node[i] = s.node();
      attempt[i] = s.attempt();
      status[i] = s.status();
      branch[i] = s.branch();
      started[i] = s.startedAt();
      ended[i] = s.endedAt();
      input[i] = s.input() == null ? null : Json.write(s.input());
      output[i] = s.output() == null ? null : Json.write(s.output());
      error[i] = s.error();
    }
    return sql.query(tx, """
            INSERT INTO tessera_flow_step (instance_id, node, attempt, status, branch, started_at, ended_at, input, output, error)
            SELECT i, n, a, s, b, st, en, inp::jsonb, outp::jsonb, e FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[],
              $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY
              AS x(i, n, a, s, b, st, en, inp, outp, e, o) ORDER BY o""",
        Tuple.from(new Object[] {instance, node, attempt, status, branch, started, ended, input, output, error}))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> endStep(Tx tx, long stepId, String status, String branch, Object output, String error) {
    return sql.query(tx, "UPDATE tessera_flow_step SET status = $2, branch = $3, output = coalesce($4::text::jsonb, output),"
            + " error = $5, ended_at = now() WHERE id = $1",
        Tuple.of(stepId, status, branch, output == null ? null : Json.write(output), error)).replaceWithVoid();
  }

  @Override
  public Uni<Void> updateInstance(Tx tx, UUID id, FlowInstance.Status status, String outcome, Map<String, Object> variables) {
    return sql.query(tx, """
            UPDATE tessera_flow_instance SET status = $2, outcome = coalesce($3, outcome),
              variables = coalesce($4::text::jsonb, variables),
              ended_at = CASE WHEN $2 IN ('completed', 'cancelled') THEN coalesce(ended_at, now()) ELSE NULL END
            WHERE id = $1""",
        Tuple.of(id, status.sql(), outcome, variables == null ? null : Json.write(variables))).replaceWithVoid();
  }

  @Override
  public Uni<FlowInstance> instance(Tx tx, UUID id) {
    return sql.query(tx, "SELECT " + INSTANCE + " FROM tessera_flow_instance i WHERE id = $1", Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : instance(rows.iterator().next(), 0));
  }

  @Override
  public Uni<Integer> wake(Tx tx, String key, String value, Map<String, Object> event) {
    return sql.query(tx, """
            WITH w AS (
              UPDATE tessera_flow_token SET due_at = now(), wait = wait || jsonb_build_object('event', $3::text::jsonb),
                updated_at = now()
              WHERE state = 'waiting' AND wait ->> $1 = $2 RETURNING 1)
            SELECT count(*), pg_notify('%s', '') FROM w""".formatted(CHANNEL), Tuple.of(key, value, Json.write(event)))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Uni<Integer> wakeRecord(Tx tx, UUID recordId) {
    return sql.query(tx, """
            WITH w AS (
              UPDATE tessera_flow_token t SET due_at = now(), updated_at = now()
              FROM tessera_flow_instance i
              WHERE i.id = t.instance_id AND i.record_id = $1 AND i.ended_at IS NULL AND t.state = 'waiting'
                AND t.due_at > now() AND (t.wait ? 'condition' OR t.wait ? 'goal') RETURNING 1)
            SELECT count(*), pg_notify('%s', '') FROM w""".formatted(CHANNEL), Tuple.of(recordId))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Uni<List<FlowInstance>> instances(Tx tx, String flow, UUID recordId, String status, int limit) {
    return sql.query(tx, "SELECT " + INSTANCE + " FROM tessera_flow_instance i WHERE ($1::text IS NULL OR flow = $1)"
            + " AND ($2::uuid IS NULL OR record_id = $2) AND ($3::text IS NULL OR status = $3)"
            + " ORDER BY started_at DESC, id LIMIT $4", Tuple.of(flow, recordId, status, limit)).map(rows -> {
              List<FlowInstance> out = new ArrayList<>();
              rows.forEach(r -> out.add(instance(r, 0)));
              return out;
            });
  }

  @Override
  public Uni<List<FlowStep>> steps(Tx tx, UUID instanceId) {
    return sql.query(tx, "SELECT id, instance_id, node, attempt, status, branch, started_at, ended_at, input::text,"
        + " output::text, error FROM tessera_flow_step WHERE instance_id = $1 ORDER BY id", Tuple.of(instanceId))
        .map(rows -> {
          List<FlowStep> out = new ArrayList<>();
          rows.forEach(r -> out.add(new FlowStep(r.getLong(0), r.getUUID(1), r.getString(2), r.getInteger(3),
              r.getString(4), r.getString(5), r.getOffsetDateTime(6), r.getOffsetDateTime(7), json(r.getString(8)),
              json(r.getString(9)), r.getString(10))));
          return out;
        });
  }

  @Override
  public Uni<List<Claimed>> incidents(Tx tx, String flow, int limit) {
    return sql.query(tx, CLAIMED + " WHERE t.state = 'incident' AND ($1::text IS NULL OR i.flow = $1)"
        + " ORDER BY t.updated_at, t.id LIMIT $2", Tuple.of(flow, limit)).map(rows -> {
          List<Claimed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Claimed(token(r, 0), instance(r, 10))));
          return out;
        });
  }

  @Override
  public Uni<List<Claimed>> openTokens(Tx tx, String flow, int version) {
    return sql.query(tx, CLAIMED + " WHERE i.flow = $1 AND i.version = $2 AND i.ended_at IS NULL ORDER BY t.id FOR UPDATE OF t, i",
        Tuple.of(flow, version)).map(rows -> {
          List<Claimed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Claimed(token(r, 0), instance(r, 10))));
          return out;
        });
  }

  @Override
  public Uni<Void> setVersion(Tx tx, UUID instanceId, int version) {
    return sql.query(tx, "UPDATE tessera_flow_instance SET version = $2 WHERE id = $1", Tuple.of(instanceId, version))
        .replaceWithVoid();
  }

  @Override
  public Uni<Map<String, Object>> summary(Tx tx, String flow) {
    return sql.query(tx, "SELECT status, count(*) FROM tessera_flow_instance WHERE flow = $1 AND NOT test GROUP BY status",
        Tuple.of(flow)).chain(statuses -> sql.query(tx, """
            SELECT t.node, count(*) FROM tessera_flow_token t JOIN tessera_flow_instance i ON i.id = t.instance_id
            WHERE i.flow = $1 AND t.state = 'waiting' AND NOT i.test GROUP BY t.node ORDER BY t.node""", Tuple.of(flow))
        .map(nodes -> {
          Map<String, Object> out = new LinkedHashMap<>();
          for (FlowInstance.Status s : FlowInstance.Status.values()) {
            out.put(s.sql(), 0L);
          }
          statuses.forEach(r -> out.put(r.getString(0), r.getLong(1)));
          List<Map<String, Object>> waiting = new ArrayList<>();
          nodes.forEach(r -> waiting.add(Map.of("node", r.getString(0), "count", r.getLong(1))));
          out.put("waitingPerNode", waiting);
          return out;
        }));
  }

  private static FlowToken token(Row r, int at) {
    String wait = r.getString(at + 7);
    return new FlowToken(r.getLong(at), r.getUUID(at + 1), r.getString(at + 2), FlowToken.State.of(r.getString(at + 3)),
        r.getOffsetDateTime(at + 4), r.getInteger(at + 5), r.getInteger(at + 6), wait == null ? null : Json.toMap(wait),
        r.getLong(at + 8), r.getString(at + 9));
  }

  private static FlowInstance instance(Row r, int at) {
    return new FlowInstance(r.getUUID(at), r.getString(at + 1), r.getInteger(at + 2), r.getString(at + 3),
        r.getUUID(at + 4), FlowInstance.Status.of(r.getString(at + 5)), r.getString(at + 6),
        Json.toMap(r.getString(at + 7)), r.getString(at + 8), r.getString(at + 9), r.getBoolean(at + 10),
        r.getOffsetDateTime(at + 11), r.getOffsetDateTime(at + 12));
  }

  private static Object json(String s) {
    return s == null ? null : Json.value(s);
  }
}
