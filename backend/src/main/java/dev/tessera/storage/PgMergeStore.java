package dev.tessera.storage;

import dev.tessera.dedupe.MergeEntry;
import dev.tessera.dedupe.MergeStore;
import dev.tessera.dedupe.Repointed;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Merges: the rows they move in the entity tables, and their history (V6__merge.sql). */
@ApplicationScoped
public class PgMergeStore implements MergeStore {
  private static final String ALL_COLUMNS =
      "id, data, owner_id, version, created_at, updated_at, created_by, updated_by, deleted_at";
  private static final String MERGE_COLUMNS = "id, entity, survivor_id, merged_ids, survivor_before::text,"
      + " survivor_after::text, merged::text, sources::text, repointed::text, pool_entries::text, merged_by, merged_at,"
      + " undone_by, undone_at";
  private final PgSql sql;

  public PgMergeStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<DataRecord>> lock(Tx tx, EntityDefinition e, Collection<UUID> ids) {
    return sql.query(tx, "SELECT " + RecordSql.COLUMNS + " FROM " + EntitySql.table(e)
        + " WHERE id = ANY($1) AND deleted_at IS NULL ORDER BY id FOR UPDATE", Tuple.of(ids.toArray(UUID[]::new)))
        .map(PgRecordStore::all);
  }

  @Override
  public Uni<Void> remove(Tx tx, EntityDefinition e, Collection<UUID> ids) {
    return sql.query(tx, "DELETE FROM " + EntitySql.table(e) + " WHERE id = ANY($1)", Tuple.of(ids.toArray(UUID[]::new)))
        .replaceWithVoid();
  }

  @Override
  public Uni<Set<UUID>> existing(Tx tx, EntityDefinition e, Collection<UUID> ids) {
    return sql.query(tx, "SELECT id FROM " + EntitySql.table(e) + " WHERE id = ANY($1)", Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> {
          Set<UUID> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  @Override
  public Uni<Void> reinsert(Tx tx, EntityDefinition e, List<DataRecord> rows) {
    List<Tuple> params = new ArrayList<>();
    for (DataRecord r : rows) {
      params.add(Tuple.from(new Object[] {r.id(), Json.write(r.data()), r.ownerId(), r.version(), r.createdAt(),
          r.updatedAt(), r.createdBy(), r.updatedBy(), r.deletedAt()}));
    }
    return sql.batch(tx, "INSERT INTO " + EntitySql.table(e) + " (" + ALL_COLUMNS
        + ") VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7, $8, $9)", params)
        .onFailure(PgException.class).transform(err -> PgRecordStore.unique(e, (PgException) err));
  }

  @Override
  public Uni<Map<Repointed, DataRecord>> repoint(Tx tx, EntityDefinition e, FieldDefinition f, Collection<UUID> from,
      UUID to, String actor) {
    String table = EntitySql.table(e);
    String stmt = "WITH hit AS (SELECT id AS hit_id, " + EntitySql.expr(f) + " AS was FROM " + table + " WHERE "
        + EntitySql.expr(f) + " = ANY($1) ORDER BY id FOR UPDATE) UPDATE " + table + " SET " + set(f, "to_jsonb($2::text)")
        + ", version = version + 1, updated_at = now(), updated_by = $3 FROM hit WHERE id = hit.hit_id RETURNING hit.was, "
        + RecordSql.COLUMNS;
    return sql.query(tx, stmt, Tuple.of(from.stream().map(UUID::toString).toArray(String[]::new), to.toString(), actor))
        .map(rows -> {
          Map<Repointed, DataRecord> out = new LinkedHashMap<>();
          for (Row r : rows) {
            DataRecord after = PgRecordStore.map(r);
            out.put(new Repointed(e.name(), f.name(), after.id(), UUID.fromString(r.getString("was"))), after);
          }
          return out;
        });
  }

  @Override
  public Uni<List<DataRecord>> pointBack(Tx tx, EntityDefinition e, FieldDefinition f, List<Repointed> refs, UUID to,
      String actor) {
    String stmt = "UPDATE " + EntitySql.table(e) + " SET " + set(f, "to_jsonb(x.was)") + ", version = version + 1,"
        + " updated_at = now(), updated_by = $4 FROM unnest($1::uuid[], $2::text[]) AS x(rid, was) WHERE id = x.rid AND "
        + EntitySql.expr(f) + " = $3 RETURNING " + RecordSql.COLUMNS;
    UUID[] ids = refs.stream().map(Repointed::recordId).toArray(UUID[]::new);
    String[] was = refs.stream().map(r -> r.from().toString()).toArray(String[]::new);
    return sql.query(tx, stmt, Tuple.of(ids, was, to.toString(), actor)).map(PgRecordStore::all);
  }

  private static String set(FieldDefinition f, String value) {
    return "data = jsonb_set(data, ARRAY[" + EntitySql.key(f) + "], " + value + ")";
  }

  @Override
  public Uni<Void> save(Tx tx, MergeEntry m) {
    return sql.query(tx, "INSERT INTO tessera_merge (id, entity, survivor_id, merged_ids, survivor_before, survivor_after,"
        + " merged, sources, repointed, pool_entries, merged_by) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb,"
        + " $7::text::jsonb, $8::text::jsonb, $9::text::jsonb, $10::text::jsonb, $11)", Tuple.from(new Object[] {m.id(),
            m.entity(), m.survivorId(), m.mergedIds().toArray(UUID[]::new), Json.write(MergeRows.row(m.survivorBefore())),
            Json.write(MergeRows.row(m.survivorAfter())), Json.write(m.merged().stream().map(MergeRows::row).toList()),
            Json.write(m.sources()), Json.write(m.repointed().stream().map(MergeRows::ref).toList()),
            Json.write(m.poolEntries().stream().map(MergeRows::poolEntry).toList()), m.mergedBy()})).replaceWithVoid();
  }

  @Override
  public Uni<MergeEntry> lockEntry(Tx tx, UUID id) {
    return sql.query(tx, "SELECT " + MERGE_COLUMNS + " FROM tessera_merge WHERE id = $1 FOR UPDATE", Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : MergeRows.entry(rows.iterator().next()));
  }

  @Override
  public Uni<Void> markUndone(Tx tx, UUID id, String actor) {
    return sql.query(tx, "UPDATE tessera_merge SET undone_by = $2, undone_at = now() WHERE id = $1", Tuple.of(id, actor))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<MergeEntry>> involving(Tx tx, UUID recordId) {
    return sql.query(tx, "SELECT " + MERGE_COLUMNS + " FROM tessera_merge WHERE survivor_id = $1"
        + " OR merged_ids @> ARRAY[$1::uuid] ORDER BY merged_at DESC, id LIMIT 100", Tuple.of(recordId)).map(rows -> {
          List<MergeEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(MergeRows.entry(r)));
          return out;
        });
  }
}
