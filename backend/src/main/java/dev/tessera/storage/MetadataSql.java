package dev.tessera.storage;

/** SQL of the metadata tables. */
final class MetadataSql {
  static final String CURRENT = """
      SELECT v.version, v.definitions FROM tessera_metadata_current c
      JOIN tessera_metadata_version v ON v.version = c.version""";
  static final String LOAD = "SELECT version, definitions FROM tessera_metadata_version WHERE version = $1";
  static final String HISTORY = """
      SELECT version, published_at, published_by, restored_from, summary
      FROM tessera_metadata_version ORDER BY version DESC""";
  static final String APPEND = """
      INSERT INTO tessera_metadata_version(version, definitions, published_by, restored_from, summary)
      SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4 FROM tessera_metadata_version
      RETURNING version""";
  /** Tells every node (at commit) that a version was published: they load it. */
  static final String ANNOUNCE = "SELECT pg_notify('" + dev.tessera.metadata.MetadataStore.CHANNEL + "', $1::text)";
  static final String SET_CURRENT = """
      INSERT INTO tessera_metadata_current(singleton, version) VALUES (true, $1)
      ON CONFLICT (singleton) DO UPDATE SET version = excluded.version""";
  static final String INDEXES = """
      SELECT indexname FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = $1 AND indexname LIKE 'tx\\_%'""";
  /** Usernames and team codes of live users and teams (both tables exist once the built-ins are published). */
  static final String DIRECTORY = """
      SELECT 'user' AS kind, data->>'username' AS key FROM rec_user WHERE deleted_at IS NULL
      UNION ALL
      SELECT 'team', data->>'code' FROM rec_team WHERE deleted_at IS NULL""";
  static final String TABLE_EXISTS = "SELECT to_regclass(quote_ident($1)) IS NOT NULL";

  private MetadataSql() {}
}
