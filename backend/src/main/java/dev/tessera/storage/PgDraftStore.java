package dev.tessera.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.DraftStore;
import dev.tessera.metadata.MetadataDraft;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The designer's drafts (V15__metadata_draft.sql). */
@ApplicationScoped
public class PgDraftStore implements DraftStore {
  private static final String COLUMNS =
      "draft_key, kind, name, definition, base_version, revision, updated_at, updated_by";
  private static final String UNIQUE_VIOLATION = "23505";
  private final PgSql sql;

  public PgDraftStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<MetadataDraft>> list(Tx tx) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_metadata_draft ORDER BY kind, name, draft_key")
        .map(PgDraftStore::drafts);
  }

  @Override
  public Uni<MetadataDraft> save(Tx tx, String replaces, String key, String kind, String name, JsonNode definition,
      Integer baseVersion, Integer expectedRevision, String actor) {
    JsonObject json = new JsonObject(definition.toString());
    Uni<RowSet<Row>> rows;
    if (expectedRevision == null) {
      rows = sql.query(tx, "INSERT INTO tessera_metadata_draft (draft_key, kind, name, definition, base_version,"
          + " updated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (draft_key) DO NOTHING RETURNING " + COLUMNS,
          Tuple.from(new Object[] {key, kind, name, json, baseVersion, actor}));
    } else {
      rows = sql.query(tx, "UPDATE tessera_metadata_draft SET draft_key = $1, kind = $2, name = $3, definition = $4,"
          + " revision = revision + 1, updated_at = now(), updated_by = $5 WHERE draft_key = $6 AND revision = $7"
          + " RETURNING " + COLUMNS,
          Tuple.from(new Object[] {key, kind, name, json, actor, replaces == null ? key : replaces, expectedRevision}));
    }
    return rows.map(r -> {
      List<MetadataDraft> saved = drafts(r);
      return saved.isEmpty() ? null : saved.get(0);
    }).onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())).recoverWithNull();
  }

  @Override
  public Uni<Boolean> delete(Tx tx, String key) {
    return sql.query(tx, "DELETE FROM tessera_metadata_draft WHERE draft_key = $1", Tuple.of(key))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<Void> deleteAll(Tx tx, List<String> keys) {
    return sql.query(tx, "DELETE FROM tessera_metadata_draft WHERE draft_key = ANY($1)",
        Tuple.of(keys.toArray(String[]::new))).replaceWithVoid();
  }

  private static List<MetadataDraft> drafts(RowSet<Row> rows) {
    List<MetadataDraft> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new MetadataDraft(r.getString(0), r.getString(1), r.getString(2),
          Json.parse(r.getJsonObject(3).encode()), r.getInteger(4), r.getInteger(5), r.getOffsetDateTime(6),
          r.getString(7)));
    }
    return out;
  }
}
