package dev.tessera.storage;

/** SQL of the outbox, outgoing webhook deliveries, secrets and received inbound webhooks (V20). */
final class OutboxSql {
  private static final String COLUMNS =
      "id, idempotency_key, channel, recipient, subject, body, data::text AS data, state, attempts, last_error";
  static final String ADD = """
      WITH ins AS (
        INSERT INTO tessera_outbox (idempotency_key, channel, recipient, subject, body, data, state, sent_at)
        VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, CASE WHEN $7 THEN 'sent' ELSE 'pending' END, CASE WHEN $7 THEN now() END)
        ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, state)
      SELECT id, CASE WHEN state = 'pending' THEN pg_notify('tessera_outbox', id::text) END FROM ins""";
  /**
   * NO KEY UPDATE, not UPDATE: a webhook delivery row referencing the message is written on another
   * connection while the claim is held, and its foreign key check takes KEY SHARE on this row.
   */
  static final String CLAIM = "SELECT " + COLUMNS + """
       FROM tessera_outbox WHERE state = 'pending' AND due_at <= now()
      ORDER BY due_at, id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED""";
  static final String SENT = """
      UPDATE tessera_outbox SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1""";
  static final String ATTEMPT_FAILED = """
      UPDATE tessera_outbox SET attempts = attempts + 1, last_error = $2,
        state = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE 'pending' END,
        due_at = CASE WHEN $3::bigint IS NULL THEN due_at ELSE now() + make_interval(secs => $3::bigint / 1000.0) END
      WHERE id = $1""";
  static final String RESEND = """
      WITH up AS (UPDATE tessera_outbox SET state = 'pending', attempts = 0, due_at = now(), sent_at = NULL
        WHERE id = $1 RETURNING id)
      SELECT pg_notify('tessera_outbox', id::text) FROM up""";
  /** Sent or given-up messages finished before $1, oldest first (V23 indexes them). */
  static final String PURGE_DONE = """
      DELETE FROM tessera_outbox WHERE id IN (
        SELECT id FROM tessera_outbox WHERE state <> 'pending' AND coalesce(sent_at, due_at) < $1
        ORDER BY coalesce(sent_at, due_at) LIMIT $2 FOR UPDATE SKIP LOCKED)""";
  static final String BY_KEY = "SELECT " + COLUMNS + " FROM tessera_outbox WHERE idempotency_key = $1";

  private OutboxSql() {}
}
