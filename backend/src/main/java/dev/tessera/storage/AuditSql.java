package dev.tessera.storage;

/** SQL of the security audit log and of the audit retention. */
final class AuditSql {
  static final String APPEND = """
      INSERT INTO tessera_security_log(kind, actor, path, subject, address, details)
      VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)""";
  private static final String COLUMNS = "id, at, kind, actor, path, subject, address, details::text AS details";
  static final String EVENTS = "SELECT " + COLUMNS + """
       FROM tessera_security_log
      WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR subject = $2)
        AND ($3::text[] IS NULL OR kind = ANY($3)) AND ($4::timestamptz IS NULL OR at >= $4)
        AND ($5::timestamptz IS NULL OR at < $5) AND ($6::bigint IS NULL OR id < $6)
      ORDER BY id DESC LIMIT $7""";
  /** By or about a user, in the order of the merged activity: (at, 0, id) descending (record changes rank 1). */
  static final String EVENTS_OF = "SELECT " + COLUMNS + """
       FROM tessera_security_log
      WHERE (actor = $1 OR subject = $1) AND ($2::timestamptz IS NULL OR (at, 0, id) < ($2::timestamptz, $3::int, $4::bigint))
      ORDER BY at DESC, id DESC LIMIT $5""";
  static final String PURGE_SECURITY_LOG = """
      DELETE FROM tessera_security_log WHERE id IN (
        SELECT id FROM tessera_security_log WHERE at < $1 ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)""";
  static final String PURGE_RECORD_TRAIL = """
      DELETE FROM tessera_audit WHERE position IN (
        SELECT position FROM tessera_audit WHERE committed_at < $1 ORDER BY committed_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

  private AuditSql() {}
}
