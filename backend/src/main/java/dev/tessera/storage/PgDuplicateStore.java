package dev.tessera.storage;

import dev.tessera.dedupe.DuplicateStore;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.DataRecord;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The duplicate-matching tables (V4__duplicates.sql). */
@ApplicationScoped
public class PgDuplicateStore implements DuplicateStore {
  private final PgSql sql;

  public PgDuplicateStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<DataRecord>> sharing(Tx tx, EntityDefinition entity, List<Seek> seeks, UUID self) {
    // one statement: a bounded equality seek per key (with "key = ANY(...)" the generic plan of a prepared
    // statement scans every key of the field, measured 6 ms at 6,000 keys), the records read alongside
    List<Object> args = new ArrayList<>(List.of(entity.name(), self));
    StringBuilder ids = new StringBuilder();
    for (Seek seek : seeks) {
      if (ids.length() > 0) {
        ids.append(" UNION ALL ");
      }
      int n = args.size();
      ids.append("(SELECT record_id FROM tessera_match_key WHERE entity = $1 AND field = $").append(n + 1)
          .append(" AND key = $").append(n + 2).append(" AND record_id <> $2 LIMIT $").append(n + 3).append(')');
      args.addAll(List.of(seek.field(), seek.key(), seek.limit()));
    }
    return sql.query(tx, "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(entity) + " WHERE id IN (" + ids
        + ") AND deleted_at IS NULL", Tuple.from(args)).map(PgRecordStore::all);
  }

  @Override
  public Uni<Void> replaceKeys(Tx tx, String entity, UUID recordId, Map<String, Set<String>> keys, Map<String, String> texts,
      boolean fresh) {
    Uni<Void> deleted = fresh ? Uni.createFrom().voidItem() : sql.query(tx, "DELETE FROM tessera_match_key WHERE entity = $1 AND record_id = $2",
        Tuple.of(entity, recordId)).chain(() -> sql.query(tx, "DELETE FROM tessera_match_text WHERE entity = $1 AND record_id = $2",
        Tuple.of(entity, recordId))).replaceWithVoid();
    return deleted.chain(() -> addKeys(tx, entity, List.of(new RecordKeys(recordId, keys, texts))));
  }

  @Override
  public Uni<Void> addKeys(Tx tx, String entity, List<RecordKeys> records) {
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> textRows = new ArrayList<>();
    for (RecordKeys r : records) {
      r.keys().forEach((field, ks) -> ks.forEach(k -> rows.add(Tuple.of(entity, field, k, r.recordId()))));
      r.texts().forEach((field, text) -> textRows.add(Tuple.of(entity, field, text, r.recordId())));
    }
    Uni<Void> withKeys = rows.isEmpty() ? Uni.createFrom().voidItem() : sql.batch(tx,
        "INSERT INTO tessera_match_key (entity, field, key, record_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", rows);
    return textRows.isEmpty() ? withKeys : withKeys.chain(() -> sql.batch(tx,
        "INSERT INTO tessera_match_text (entity, field, value, record_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", textRows));
  }

  @Override
  public Uni<Set<UUID>> similar(Tx tx, String entity, String field, String text, double minSimilarity, UUID self, int limit) {
    return sql.query(tx, "SELECT set_config('pg_trgm.similarity_threshold', $1, true)", Tuple.of(String.valueOf(minSimilarity)))
        .chain(() -> sql.query(tx, "SELECT record_id FROM tessera_match_text WHERE entity = $1 AND field = $2 AND value % $3"
            + " AND record_id <> $4 ORDER BY similarity(value, $3) DESC LIMIT " + limit, Tuple.of(entity, field, text, self)))
        .map(rows -> {
          Set<UUID> out = new java.util.LinkedHashSet<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  @Override
  public Uni<Void> dropKeys(Tx tx, String entity) {
    return sql.query(tx, "DELETE FROM tessera_match_key WHERE entity = $1", Tuple.of(entity))
        .chain(() -> sql.query(tx, "DELETE FROM tessera_match_text WHERE entity = $1", Tuple.of(entity))).replaceWithVoid();
  }

  @Override
  public Uni<Void> dropKeysOf(Tx tx, String entity, List<UUID> recordIds) {
    Tuple args = Tuple.of(entity, recordIds.toArray(UUID[]::new));
    return sql.query(tx, "DELETE FROM tessera_match_key WHERE entity = $1 AND record_id = ANY($2)", args)
        .chain(() -> sql.query(tx, "DELETE FROM tessera_match_text WHERE entity = $1 AND record_id = ANY($2)", args))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> found(Tx tx, Found f) {
    return sql.query(tx, "INSERT INTO tessera_duplicate (rule, entity, record_id, duplicate_of, owner, other_owner, action, score,"
        + " matched) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)", Tuple.from(new Object[] {f.rule(), f.entity(),
            f.recordId(), f.duplicateOf(), f.owner(), f.otherOwner(), f.action(), java.math.BigDecimal.valueOf(f.score()),
            Json.write(f.matched())})).replaceWithVoid();
  }

  @Override
  public Uni<List<Map<String, Object>>> reports(Tx tx, UUID recordId, String owner) {
    String where = recordId != null ? "record_id = $1 OR duplicate_of = $1" : "owner = $1 OR other_owner = $1";
    Object key = recordId != null ? recordId : owner;
    return sql.query(tx, "SELECT rule, entity, record_id, duplicate_of, owner, other_owner, action, score, matched::text, found_at"
        + " FROM tessera_duplicate WHERE " + where + " ORDER BY id DESC LIMIT 200", Tuple.of(key)).map(rows -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.getString(0));
            m.put("entity", r.getString(1));
            m.put("recordId", r.getUUID(2).toString());
            m.put("duplicateOf", r.getUUID(3).toString());
            m.put("owner", r.getString(4));
            m.put("otherOwner", r.getString(5));
            m.put("action", r.getString(6));
            m.put("score", r.getBigDecimal(7));
            m.put("matched", Json.value(r.getString(8)));
            m.put("foundAt", r.getOffsetDateTime(9).toString());
            out.add(m);
          }
          return out;
        });
  }
}
