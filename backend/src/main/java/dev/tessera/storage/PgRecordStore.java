package dev.tessera.storage;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.record.RecordMessages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Tx;
import dev.tessera.record.AggregateRequest;
import dev.tessera.record.AggregateRow;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records in one table per entity: system columns plus a JSONB document of field values. */
@ApplicationScoped
public class PgRecordStore implements RecordStore {
  private final PgSql sql;

  public PgRecordStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<DataRecord> insert(Tx tx, EntityDefinition e, DataRecord r) {
    String stmt = "INSERT INTO " + EntitySql.table(e)
        + " (id, data, owner_id, created_by, updated_by) VALUES ($1, $2::text::jsonb, $3, $4, $4) RETURNING "
        + RecordSql.COLUMNS;
    return sql.query(tx, stmt, Tuple.of(r.id(), Json.write(r.data()), r.ownerId(), r.createdBy()))
        .map(PgRecordStore::one).onFailure(PgException.class).transform(err -> unique(e, (PgException) err));
  }

  @Override
  public Uni<DataRecord> update(Tx tx, EntityDefinition e, UUID id, int expectedVersion,
      Map<String, Object> data, String ownerId, String actor) {
    String stmt = "UPDATE " + EntitySql.table(e) + " SET data = $3::text::jsonb, owner_id = $4, version = version + 1,"
        + " updated_at = now(), updated_by = $5 WHERE id = $1 AND version = $2 AND deleted_at IS NULL RETURNING "
        + RecordSql.COLUMNS;
    return sql.query(tx, stmt, Tuple.of(id, expectedVersion, Json.write(data), ownerId, actor))
        .map(PgRecordStore::oneOrNull).onFailure(PgException.class).transform(err -> unique(e, (PgException) err));
  }

  @Override
  public Uni<List<DataRecord>> scan(Tx tx, EntityDefinition e, UUID after, int limit) {
    String stmt = "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(e)
        + (after == null ? "" : " WHERE id > $1") + " ORDER BY id LIMIT " + limit;
    return (after == null ? sql.query(tx, stmt) : sql.query(tx, stmt, Tuple.of(after))).map(PgRecordStore::all);
  }

  @Override
  public Uni<Void> rewrite(Tx tx, EntityDefinition e, Map<UUID, Map<String, Object>> data) {
    if (data.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new java.util.ArrayList<>(data.size());
    data.forEach((id, d) -> rows.add(Tuple.of(id, Json.write(d))));
    return sql.batch(tx, "UPDATE " + EntitySql.table(e) + " SET data = $2::text::jsonb WHERE id = $1", rows);
  }

  @Override
  public Uni<DataRecord> findById(Tx tx, EntityDefinition e, UUID id, boolean deleted) {
    String stmt = "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(e) + " WHERE id = $1 AND deleted_at IS "
        + (deleted ? "NOT NULL" : "NULL");
    return sql.query(tx, stmt, Tuple.of(id)).map(PgRecordStore::oneOrNull);
  }

  @Override
  public Uni<List<DataRecord>> findByIds(Tx tx, EntityDefinition e, Collection<UUID> ids) {
    String stmt = "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(e)
        + " WHERE id = ANY($1) AND deleted_at IS NULL";
    return sql.query(tx, stmt, Tuple.of(ids.toArray(UUID[]::new))).map(PgRecordStore::all);
  }

  @Override
  public Uni<java.util.Set<UUID>> lockLive(Tx tx, EntityDefinition e, Collection<UUID> ids) {
    String stmt = "SELECT id FROM " + EntitySql.table(e) + " WHERE id = ANY($1) AND deleted_at IS NULL FOR SHARE";
    return sql.query(tx, stmt, Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
      java.util.Set<UUID> out = new java.util.HashSet<>();
      rows.forEach(r -> out.add(r.getUUID(0)));
      return out;
    });
  }

  @Override
  public Uni<List<DataRecord>> find(Tx tx, RecordQuery q) {
    RecordSql b = new RecordSql();
    return sql.query(tx, findSql(b, q), Tuple.from(b.params())).map(rows -> ordered(all(rows), q.page()));
  }

  private static String findSql(RecordSql b, RecordQuery q) {
    String where = b.where(q.filter(), q.deleted()) + " AND " + b.keyset(q.page());
    return "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(q.entity()) + " WHERE " + where
        + " ORDER BY " + RecordSql.orderBy(q.page()) + " LIMIT " + q.page().limit();
  }

  @Override
  public Uni<String> explain(Tx tx, RecordQuery q) {
    RecordSql b = new RecordSql();
    return sql.query(tx, "EXPLAIN " + findSql(b, q), Tuple.from(b.params())).map(rows -> {
      StringBuilder out = new StringBuilder();
      rows.forEach(r -> out.append(r.getString(0)).append('\n'));
      return out.toString();
    });
  }

  @Override
  public Uni<Long> count(Tx tx, EntityDefinition e, Filter filter, boolean deleted) {
    RecordSql b = new RecordSql();
    String stmt = "SELECT count(*) FROM " + EntitySql.table(e) + " WHERE " + b.where(filter, deleted);
    return sql.query(tx, stmt, Tuple.from(b.params())).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Uni<Map<String, List<DataRecord>>> findByReference(Tx tx, EntityDefinition e, FieldDefinition ref,
      Collection<String> keys, Filter filter, Page page) {
    RecordSql b = new RecordSql();
    String keyParam = b.bind(keys.toArray(String[]::new));
    String stmt = "SELECT x.* FROM unnest(" + keyParam + "::text[]) AS k(key) CROSS JOIN LATERAL (SELECT "
        + RecordSql.COLUMNS + " FROM " + EntitySql.table(e) + " WHERE " + EntitySql.expr(ref) + " = k.key AND "
        + b.where(filter, false) + " AND " + b.keyset(page) + " ORDER BY " + RecordSql.orderBy(page)
        + " LIMIT " + page.limit() + ") x";
    return sql.query(tx, stmt, Tuple.from(b.params())).map(rows -> {
      Map<String, List<DataRecord>> out = new LinkedHashMap<>();
      for (DataRecord r : all(rows)) {
        out.computeIfAbsent((String) r.get(ref.name()), k -> new ArrayList<>()).add(r);
      }
      out.replaceAll((k, list) -> ordered(list, page));
      return out;
    });
  }

  @Override
  public Uni<Map<String, Long>> countByReference(Tx tx, EntityDefinition e, FieldDefinition ref,
      Collection<String> keys, Filter filter) {
    RecordSql b = new RecordSql();
    String keyParam = b.bind(keys.toArray(String[]::new));
    String stmt = "SELECT " + EntitySql.expr(ref) + " AS k, count(*) FROM " + EntitySql.table(e) + " WHERE "
        + EntitySql.expr(ref) + " = ANY(" + keyParam + "::text[]) AND " + b.where(filter, false) + " GROUP BY 1";
    return sql.query(tx, stmt, Tuple.from(b.params())).map(rows -> {
      Map<String, Long> out = new LinkedHashMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
      return out;
    });
  }

  @Override
  public Uni<List<AggregateRow>> aggregate(Tx tx, AggregateRequest req) {
    return new PgAggregates(sql).run(tx, req);
  }

  @Override
  public Uni<DataRecord> softDelete(Tx tx, EntityDefinition e, UUID id, String actor) {
    String stmt = "UPDATE " + EntitySql.table(e) + " SET deleted_at = now(), updated_at = now(), updated_by = $2,"
        + " version = version + 1 WHERE id = $1 AND deleted_at IS NULL RETURNING " + RecordSql.COLUMNS;
    return sql.query(tx, stmt, Tuple.of(id, actor)).map(PgRecordStore::oneOrNull);
  }

  @Override
  public Uni<DataRecord> restore(Tx tx, EntityDefinition e, UUID id, String actor) {
    String stmt = "UPDATE " + EntitySql.table(e) + " SET deleted_at = NULL, updated_at = now(), updated_by = $2,"
        + " version = version + 1 WHERE id = $1 AND deleted_at IS NOT NULL RETURNING " + RecordSql.COLUMNS;
    return sql.query(tx, stmt, Tuple.of(id, actor)).map(PgRecordStore::oneOrNull)
        .onFailure(PgException.class).transform(err -> unique(e, (PgException) err));
  }

  @Override
  public Uni<List<DataRecord>> referencing(Tx tx, EntityDefinition e, FieldDefinition ref, String targetId) {
    String stmt = "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(e) + " WHERE " + EntitySql.expr(ref)
        + " = $1 AND deleted_at IS NULL";
    return sql.query(tx, stmt, Tuple.of(targetId)).map(PgRecordStore::all);
  }

  @Override
  public Uni<Long> nextAutoNumber(Tx tx, EntityDefinition e, FieldDefinition f) {
    String stmt = """
        INSERT INTO tessera_auto_number(entity_id, field_id, last_value) VALUES ($1, $2, 1)
        ON CONFLICT (entity_id, field_id) DO UPDATE SET last_value = tessera_auto_number.last_value + 1
        RETURNING last_value""";
    return sql.query(tx, stmt, Tuple.of(e.id(), f.id())).map(rows -> rows.iterator().next().getLong(0));
  }

  static Throwable unique(EntityDefinition e, PgException err) {
    if (!"23505".equals(err.getSqlState())) {
      return err;
    }
    List<String> fields = err.getConstraint() == null ? null : EntityDdl.uniqueFields(e, err.getConstraint());
    if (fields == null) {
      return new PlatformException(ErrorCode.VALIDATION_FAILED, RecordMessages.text("ID_TAKEN"), "id");
    }
    List<FieldDefinition> defs = fields.stream().map(n -> e.field(n).orElseThrow()).toList();
    List<LocalizedText> named = defs.stream().map(RecordMessages::field).toList();
    LocalizedText together = LocalizedText.of(
        String.join("、", named.stream().map(t -> t.get(LocalizedText.ZH)).toList()),
        String.join(" + ", named.stream().map(t -> t.get(LocalizedText.EN)).toList()));
    LocalizedText what = RecordMessages.text(defs.size() == 1 ? "THIS_VALUE" : "THESE_VALUES");
    return PlatformException.validation(List.of(FieldError.of(fields.get(0), "DUPLICATE_VALUE", RecordMessages.text(
        "DUPLICATE_VALUE", Map.of("fields", together, "entity", RecordMessages.entity(e), "what", what)), null)));
  }

  private static List<DataRecord> ordered(List<DataRecord> rows, Page page) {
    if (page.backward()) {
      List<DataRecord> copy = new ArrayList<>(rows);
      Collections.reverse(copy);
      return copy;
    }
    return rows;
  }

  static DataRecord one(RowSet<Row> rows) {
    return map(rows.iterator().next());
  }

  static DataRecord oneOrNull(RowSet<Row> rows) {
    return rows.size() == 0 ? null : map(rows.iterator().next());
  }

  static List<DataRecord> all(RowSet<Row> rows) {
    List<DataRecord> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  static DataRecord map(Row r) {
    return new DataRecord(r.getUUID("id"), Json.toMap(r.getString("data")), r.getString("owner_id"),
        r.getInteger("version"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
        r.getString("created_by"), r.getString("updated_by"), r.getOffsetDateTime("deleted_at"));
  }
}
