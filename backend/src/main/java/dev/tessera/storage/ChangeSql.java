package dev.tessera.storage;

/** SQL of the change feed, its checkpoints and the audit trail. */
final class ChangeSql {
  static final String APPEND = """
      INSERT INTO tessera_change(entity, record_id, operation, version, changes, owner_before, owner_after, actor, source)
      VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9)""";
  static final long SEQUENCER_LOCK = 0x7e55e7a3L;
  static final String TRY_SEQUENCER_LOCK = "SELECT pg_try_advisory_xact_lock(" + SEQUENCER_LOCK + ")";
  /** Under the sequencer lock: positions continue from the highest given, in insert order. */
  static final String SEQUENCE = """
      WITH todo AS (
        SELECT id, row_number() OVER (ORDER BY id) AS n
        FROM (SELECT id FROM tessera_change WHERE position IS NULL ORDER BY id LIMIT $1) t),
      base AS (SELECT coalesce(max(position), 0) AS p FROM tessera_change)
      UPDATE tessera_change c SET position = base.p + todo.n FROM todo, base WHERE c.id = todo.id""";
  static final String REGISTER = """
      INSERT INTO tessera_change_subscriber(name, position)
      SELECT $1, coalesce(max(position), 0) FROM tessera_change
      ON CONFLICT (name) DO NOTHING""";
  static final String LOCK = "SELECT position FROM tessera_change_subscriber WHERE name = $1 FOR UPDATE SKIP LOCKED";
  static final String AFTER = """
      SELECT position, entity, record_id, operation, version, changes::text AS changes, owner_before, owner_after,
             actor, source, committed_at
      FROM tessera_change WHERE position > $1 ORDER BY position LIMIT $2""";
  static final String ADVANCE = """
      UPDATE tessera_change_subscriber SET position = $2, delivered = delivered + $3, updated_at = now(), last_error = NULL
      WHERE name = $1""";
  static final String FAILED = "UPDATE tessera_change_subscriber SET last_error = $2, updated_at = now() WHERE name = $1";
  static final String PRUNE = """
      DELETE FROM tessera_change
      WHERE position <= (SELECT coalesce(min(position), 0) FROM tessera_change_subscriber)
        AND committed_at < now() - make_interval(secs => $1)""";
  static final String HEAD = """
      SELECT (SELECT coalesce(max(position), 0) FROM tessera_change) AS head,
             (SELECT count(*) FROM tessera_change WHERE position IS NULL) AS unpositioned""";
  static final String SUBSCRIBERS = """
      SELECT s.name, s.position, s.delivered, s.updated_at, s.last_error,
             (SELECT c.committed_at FROM tessera_change c WHERE c.position > s.position ORDER BY c.position LIMIT 1) AS oldest
      FROM tessera_change_subscriber s ORDER BY s.name""";
  static final String AUDIT = """
      INSERT INTO tessera_audit(position, entity, record_id, operation, version, changes, owner_before, owner_after,
                                actor, source, committed_at)
      VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11) ON CONFLICT (position) DO NOTHING""";
  static final String UP_TO = """
      SELECT coalesce(max(position), $1) FROM (
        SELECT position FROM tessera_change WHERE position > $1 ORDER BY position LIMIT $2) t""";
  static final String AUDIT_RANGE = """
      INSERT INTO tessera_audit(position, entity, record_id, operation, version, changes, owner_before, owner_after,
                                actor, source, committed_at)
      SELECT position, entity, record_id, operation, version, changes, owner_before, owner_after, actor, source, committed_at
      FROM tessera_change WHERE position > $1 AND position <= $2
      ON CONFLICT (position) DO NOTHING""";
  static final String HISTORY = """
      SELECT position, entity, record_id, operation, version, changes::text AS changes, owner_before, owner_after,
             actor, source, committed_at
      FROM tessera_audit WHERE entity = $1 AND record_id = $2 AND ($3::bigint IS NULL OR position < $3)
      ORDER BY position DESC LIMIT $4""";
  /** A user's changes in the order of their merged activity: (committed_at, 1, position) descending. */
  static final String BY_ACTOR = """
      SELECT position, entity, record_id, operation, version, changes::text AS changes, owner_before, owner_after,
             actor, source, committed_at
      FROM tessera_audit
      WHERE actor = $1 AND ($2::timestamptz IS NULL OR (committed_at, 1, position) < ($2::timestamptz, $3::int, $4::bigint))
      ORDER BY committed_at DESC, position DESC LIMIT $5""";

  private ChangeSql() {}
}
