package dev.tessera.storage;

/** SQL of outgoing webhook deliveries, named secrets and received inbound webhooks (V20). */
final class WebhookSql {
  static final String OPEN = """
      INSERT INTO tessera_webhook_delivery (id, idempotency_key, url, outbox_id) VALUES ($1, $2, $3, $4)
      ON CONFLICT (idempotency_key) DO UPDATE SET url = EXCLUDED.url, updated_at = now()
      RETURNING *""";
  static final String ATTEMPT = """
      INSERT INTO tessera_webhook_attempt (delivery_id, attempt, status_code, duration_ms, error, response_excerpt)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_id, attempt) DO NOTHING""";
  static final String ATTEMPTED = """
      UPDATE tessera_webhook_delivery SET attempts = greatest(attempts, $2), status = $3, last_status_code = $4,
        response_body = coalesce($5, response_body), updated_at = now() WHERE id = $1""";
  /** The delivery's status as administrators see it: a retrying one whose outbox message gave up has failed. */
  private static final String SHOWN = """
      SELECT d.*, CASE WHEN d.status = 'retrying' AND o.state = 'failed' THEN 'failed' ELSE d.status END AS shown
      FROM tessera_webhook_delivery d LEFT JOIN tessera_outbox o ON o.id = d.outbox_id""";
  static final String LIST = "SELECT * FROM (" + SHOWN + ") x WHERE $1::text IS NULL OR shown = $1"
      + " ORDER BY created_at DESC, id LIMIT $2";
  static final String BY_ID = "SELECT * FROM (" + SHOWN + ") x WHERE id = $1";
  static final String ATTEMPTS = """
      SELECT * FROM tessera_webhook_attempt WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt""";
  /** Deliveries last touched before $1 that no pending outbox message retries (attempts cascade). */
  static final String PURGE_FINISHED = """
      DELETE FROM tessera_webhook_delivery WHERE id IN (
        SELECT d.id FROM tessera_webhook_delivery d WHERE d.created_at < $1 AND d.updated_at < $1
          AND NOT EXISTS (SELECT 1 FROM tessera_outbox o WHERE o.id = d.outbox_id AND o.state = 'pending')
        ORDER BY d.created_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)""";
  static final String STATUS = "UPDATE tessera_webhook_delivery SET status = $2, updated_at = now() WHERE id = $1";

  static final String PUT_SECRET = """
      INSERT INTO tessera_secret (name, value, updated_by) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()""";
  static final String DELETE_SECRET = "DELETE FROM tessera_secret WHERE name = $1";
  static final String SECRET_NAMES = "SELECT name, updated_at, updated_by FROM tessera_secret ORDER BY name";
  static final String SECRET_VALUE = "SELECT value FROM tessera_secret WHERE name = $1";

  static final String RECEIVED = """
      SELECT entity, record_id, created FROM tessera_webhook_received WHERE source = $1 AND idempotency_key = $2""";
  static final String RECEIVE = """
      INSERT INTO tessera_webhook_received (source, idempotency_key, entity, record_id, created) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (source, idempotency_key) DO NOTHING""";

  private WebhookSql() {}
}
