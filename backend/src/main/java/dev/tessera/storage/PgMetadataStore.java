package dev.tessera.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tessera.metadata.MetadataStore;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.validation.Directory;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Metadata versions in tessera_metadata_version and the DDL of entity tables. */
@ApplicationScoped
public class PgMetadataStore implements MetadataStore {
  private static final long PUBLISH_LOCK = 0x7e55e7a2L;
  private final PgSql sql;

  public PgMetadataStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<StoredVersion> current(Tx tx, boolean forUpdate) {
    Uni<?> lock = forUpdate ? sql.query(tx, "SELECT pg_advisory_xact_lock(" + PUBLISH_LOCK + ")")
        : Uni.createFrom().voidItem();
    return lock.chain(() -> sql.query(tx, MetadataSql.CURRENT))
        .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
  }

  @Override
  public Uni<Directory> directory(Tx tx) {
    return sql.query(tx, MetadataSql.TABLE_EXISTS, Tuple.of("rec_team")).chain(rows -> {
      if (!rows.iterator().next().getBoolean(0)) {
        return Uni.createFrom().item(Directory.of(Set.of(), Set.of()));
      }
      return sql.query(tx, MetadataSql.DIRECTORY).map(found -> {
        Set<String> users = new HashSet<>();
        Set<String> teams = new HashSet<>();
        for (Row r : found) {
          String key = r.getString("key");
          if (key != null) {
            ("user".equals(r.getString("kind")) ? users : teams).add(key);
          }
        }
        return Directory.of(users, teams);
      });
    });
  }

  @Override
  public Uni<StoredVersion> load(Tx tx, int version) {
    return sql.query(tx, MetadataSql.LOAD, Tuple.of(version))
        .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
  }

  @Override
  public Uni<List<VersionInfo>> history(Tx tx) {
    return sql.query(tx, MetadataSql.HISTORY).map(rows -> {
      List<VersionInfo> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new VersionInfo(r.getInteger("version"), r.getOffsetDateTime("published_at"),
            r.getString("published_by"), r.getInteger("restored_from"), r.getString("summary")));
      }
      return out;
    });
  }

  @Override
  public Uni<Integer> append(Tx tx, List<JsonNode> definitions, String actor, Integer restoredFrom, String summary) {
    ArrayNode arr = MetamodelJson.mapper().createArrayNode().addAll(definitions);
    JsonArray json = new JsonArray(arr.toString());
    return sql.query(tx, MetadataSql.APPEND, Tuple.of(json, actor, restoredFrom, summary))
        .map(rows -> rows.iterator().next().getInteger("version"))
        .call(v -> sql.query(tx, MetadataSql.SET_CURRENT, Tuple.of(v)))
        .call(v -> sql.query(tx, MetadataSql.ANNOUNCE, Tuple.of(String.valueOf(v))));
  }

  @Override
  public Uni<List<String>> applyDdl(Tx tx, List<EntityDefinition> previous, List<EntityDefinition> next) {
    Map<String, EntityDefinition> prevById = previous.stream()
        .collect(Collectors.toMap(EntityDefinition::id, Function.identity(), (a, b) -> a));
    List<String> changes = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EntityDefinition e : next) {
      EntityDefinition before = prevById.get(e.id());
      chain = chain.chain(() -> shapeEntity(tx, before, e, changes));
    }
    return chain.map(v -> changes);
  }

  private Uni<Void> shapeEntity(Tx tx, EntityDefinition before, EntityDefinition e, List<String> changes) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    if (before != null && !before.name().equals(e.name())) {
      chain = chain.chain(() -> renameTable(tx, before, e, changes));
    }
    chain = chain.chain(() -> exists(tx, EntitySql.rawTable(e.name())).chain(present -> {
      if (present) {
        return Uni.createFrom().voidItem();
      }
      changes.add("create table for entity " + e.name());
      return run(tx, EntityDdl.createTable(e), e, null);
    }));
    if (before != null) {
      for (FieldDefinition f : e.fields()) {
        FieldDefinition old = before.fieldById(f.id()).orElse(null);
        if (old != null && !old.name().equals(f.name())) {
          chain = chain.chain(() -> renameKey(tx, e, old, f, changes));
        }
      }
    }
    return chain.chain(() -> syncIndexes(tx, e, changes));
  }

  private Uni<Void> renameTable(Tx tx, EntityDefinition before, EntityDefinition e, List<String> changes) {
    return exists(tx, EntitySql.rawTable(before.name())).chain(old -> exists(tx, EntitySql.rawTable(e.name()))
        .chain(clash -> {
          if (!old || clash) {
            return Uni.createFrom().voidItem();
          }
          changes.add("rename entity " + before.name() + " to " + e.name());
          return run(tx, "ALTER TABLE " + EntitySql.table(before) + " RENAME TO " + EntitySql.table(e), e, null);
        }));
  }

  private Uni<Void> renameKey(Tx tx, EntityDefinition e, FieldDefinition old, FieldDefinition f, List<String> changes) {
    changes.add("rename field " + e.name() + "." + old.name() + " to " + f.name());
    String stmt = "UPDATE " + EntitySql.table(e) + " SET data = (data - " + EntitySql.key(old)
        + ") || jsonb_build_object(" + EntitySql.key(f) + ", data->" + EntitySql.key(old) + ") WHERE data ? "
        + EntitySql.key(old);
    return run(tx, stmt, e, f);
  }

  private Uni<Void> syncIndexes(Tx tx, EntityDefinition e, List<String> changes) {
    Map<String, EntityDdl.Index> wanted = EntityDdl.indexes(e);
    return sql.query(tx, MetadataSql.INDEXES, Tuple.of(EntitySql.rawTable(e.name()))).chain(rows -> {
      Set<String> have = new HashSet<>();
      rows.forEach(r -> have.add(r.getString("indexname")));
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (String name : have) {
        if (!wanted.containsKey(name)) {
          changes.add("drop index " + name + " of " + e.name());
          chain = chain.chain(() -> run(tx, "DROP INDEX \"" + name + "\"", e, null));
        }
      }
      for (Map.Entry<String, EntityDdl.Index> w : wanted.entrySet()) {
        if (!have.contains(w.getKey())) {
          List<String> fields = w.getValue().fields();
          FieldDefinition f = fields.isEmpty() ? null : e.field(fields.get(0)).orElseThrow();
          changes.add("create index for " + e.name() + (fields.isEmpty() ? "" : "." + String.join("+", fields)));
          chain = chain.chain(() -> run(tx, w.getValue().ddl(), e, f));
        }
      }
      return chain;
    });
  }

  private Uni<Boolean> exists(Tx tx, String rawTable) {
    return sql.query(tx, MetadataSql.TABLE_EXISTS, Tuple.of(rawTable)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  private Uni<Void> run(Tx tx, String stmt, EntityDefinition e, FieldDefinition f) {
    return sql.query(tx, stmt).replaceWithVoid().onFailure(PgException.class).transform(err -> {
      PgException pg = (PgException) err;
      String where = e.name() + (f == null ? "" : "." + f.name());
      String why = switch (pg.getSqlState()) {
        case "23505" -> "existing records of " + e.name() + " have duplicate values in " + where
            + ", so it cannot be made unique; clean up the duplicates first";
        case "22P02", "22007", "22008", "22003" -> "existing values of " + where
            + " cannot be read as the new field type; fix or clear them first";
        default -> "database change for " + where + " failed: " + pg.getErrorMessage();
      };
      return new PlatformException(ErrorCode.PUBLISH_FAILED, why, where);
    });
  }

  private static StoredVersion stored(Row r) {
    JsonNode defs = Json.parse(r.getJsonArray("definitions").encode());
    List<JsonNode> list = new ArrayList<>();
    defs.forEach(list::add);
    return new StoredVersion(r.getInteger("version"), list);
  }
}
