package dev.tessera.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.Tx;
import dev.tessera.view.SavedView;
import dev.tessera.view.SavedViewStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Saved list views (V16__saved_view.sql). */
@ApplicationScoped
public class PgSavedViewStore implements SavedViewStore {
  private static final String COLUMNS = "id, entity, name, owner, settings, created_by, updated_at";
  private final PgSql sql;

  public PgSavedViewStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<List<SavedView>> list(Tx tx, String entity, String user) {
    return sql.query(tx, "SELECT " + COLUMNS + " FROM tessera_saved_view WHERE entity = $1 AND (owner IS NULL OR owner = $2)"
        + " ORDER BY name, owner NULLS FIRST", Tuple.of(entity, user)).map(PgSavedViewStore::views);
  }

  @Override
  public Uni<SavedView> save(Tx tx, String entity, String name, String owner, JsonNode settings, String actor) {
    return sql.query(tx, "INSERT INTO tessera_saved_view (entity, name, owner, settings, created_by) VALUES ($1, $2, $3, $4, $5)"
        + " ON CONFLICT (entity, coalesce(owner, ''), name) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()"
        + " RETURNING " + COLUMNS,
        Tuple.of(entity, name, owner, new JsonObject(settings.toString()), actor)).map(rows -> views(rows).get(0));
  }

  @Override
  public Uni<Boolean> delete(Tx tx, long id, String user) {
    return sql.query(tx, "DELETE FROM tessera_saved_view WHERE id = $1 AND (owner IS NULL OR owner = $2)",
        Tuple.of(id, user)).map(rows -> rows.rowCount() > 0);
  }

  private static List<SavedView> views(RowSet<Row> rows) {
    List<SavedView> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new SavedView(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
          Json.parse(r.getJsonObject(4).encode()), r.getString(5), r.getOffsetDateTime(6)));
    }
    return out;
  }
}
