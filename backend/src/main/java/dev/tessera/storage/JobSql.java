package dev.tessera.storage;

/** SQL of background jobs. */
final class JobSql {
  static final String SUPERSEDE = """
      UPDATE tessera_job SET state = 'superseded', finished_at = now(), updated_at = now()
      WHERE kind = $1 AND entity IS NOT DISTINCT FROM $2 AND state IN ('pending', 'running')""";
  static final String ENQUEUE = "INSERT INTO tessera_job(kind, entity, min_version) VALUES ($1, $2, $3) RETURNING id";
  static final String CLAIM = """
      SELECT * FROM tessera_job WHERE state IN ('pending', 'running') ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""";
  static final String PROGRESS = """
      UPDATE tessera_job SET cursor = $2, done = $3, total = coalesce($4, total), updated_at = now(),
        started_at = coalesce(started_at, now()),
        state = CASE WHEN $5 THEN 'done' ELSE 'running' END,
        finished_at = CASE WHEN $5 THEN now() ELSE NULL END
      WHERE id = $1""";
  static final String FAIL = """
      UPDATE tessera_job SET state = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1""";
  static final String FIND = "SELECT * FROM tessera_job WHERE id = $1";
  static final String LIST = """
      SELECT * FROM tessera_job WHERE $1::text IS NULL OR state = $1 ORDER BY id DESC LIMIT $2""";

  private JobSql() {}
}
