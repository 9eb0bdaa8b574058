package dev.tessera.storage;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.IndexDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired physical shape of an entity: its table and the indexes its fields ask for. Index
 * names are a hash of their definition, so publishing only creates what is missing and drops what is
 * no longer wanted, whichever version it comes from (rollbacks included).
 */
final class EntityDdl {
  static final String INDEX_PREFIX = "tx_";

  private EntityDdl() {}

  static String createTable(EntityDefinition e) {
    return "CREATE TABLE IF NOT EXISTS " + EntitySql.table(e) + """
         (
          id uuid PRIMARY KEY,
          data jsonb NOT NULL DEFAULT '{}'::jsonb,
          owner_id text,
          version integer NOT NULL DEFAULT 1,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          created_by text,
          updated_by text,
          deleted_at timestamptz)""";
  }

  /** One wanted index: its CREATE statement and the fields it covers (none for system columns). */
  record Index(String ddl, List<String> fields, boolean unique) {}

  /** Index name to wanted index, for every index the entity wants. */
  static Map<String, Index> indexes(EntityDefinition e) {
    Map<String, Index> out = new LinkedHashMap<>();
    String table = EntitySql.table(e);
    add(out, e, "owner", "CREATE INDEX %s ON " + table + " (owner_id, id)", List.of(), false);
    add(out, e, "deleted", "CREATE INDEX %s ON " + table + " (deleted_at) WHERE deleted_at IS NOT NULL", List.of(),
        false);
    for (FieldDefinition f : e.fields()) {
      if (f.unique()) {
        add(out, e, "u:" + f.name(), "CREATE UNIQUE INDEX %s ON " + table + " (" + EntitySql.expr(f)
            + ") WHERE deleted_at IS NULL", List.of(f.name()), true);
      } else if (f.indexed() || EntitySql.isReferenceLike(f)) {
        boolean gin = f.valueType().storage() == FieldType.Storage.ARRAY
            || f.valueType().storage() == FieldType.Storage.JSON;
        // btree on (value, id): an equality filter then reads rows already in the default (id) order,
        // so "the 10 newest customers of this owner" is one short index range, not a sort.
        String columns = gin ? " USING gin (" + EntitySql.expr(f) + ")" : " (" + EntitySql.expr(f) + ", id)";
        // Not partial: PostgreSQL keeps statistics for the expressions of non-partial indexes only,
        // and without them the planner guesses selectivity and picks the wrong index.
        add(out, e, "i:" + f.name(), "CREATE INDEX %s ON " + table + columns, List.of(f.name()), false);
      }
    }
    for (IndexDefinition ix : e.indexes()) {
      String exprs = String.join(", ", ix.fields().stream().map(n -> EntitySql.expr(e.field(n).orElseThrow())).toList());
      // non-unique: (fields..., id), so equality on a prefix reads rows already in the default id order
      String ddl = ix.unique() ? "CREATE UNIQUE INDEX %s ON " + table + " (" + exprs + ") WHERE deleted_at IS NULL"
          : "CREATE INDEX %s ON " + table + " (" + exprs + ", id)";
      add(out, e, (ix.unique() ? "cu:" : "c:") + String.join(",", ix.fields()), ddl, ix.fields(), ix.unique());
    }
    return out;
  }

  /**
   * The fields a unique index guards, by index name (a field's own {@code unique} or a unique
   * composite index), to map a violation back to fields; null for any other index.
   */
  static List<String> uniqueFields(EntityDefinition e, String indexName) {
    Index ix = indexes(e).get(indexName);
    return ix != null && ix.unique() ? ix.fields() : null;
  }

  private static void add(Map<String, Index> out, EntityDefinition e, String what, String template,
      List<String> fields, boolean unique) {
    String name = INDEX_PREFIX + hash(e.name() + "|" + what + "|" + template.formatted("x"));
    out.put(name, new Index(template.formatted(name), fields, unique));
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
