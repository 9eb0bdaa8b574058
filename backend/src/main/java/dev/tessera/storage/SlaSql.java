package dev.tessera.storage;

/** The statements of the SLA state table ({@code V25__sla.sql}). */
final class SlaSql {
  static final String COLUMNS = "id, policy, entity, record_id, target, response_target, resolution_target, started_at, since,"
      + " elapsed, paused, responded_at, resolved_at, response_warned_at, resolution_warned_at, response_breached_at,"
      + " resolution_breached_at, escalations, response_due, resolution_due, next_at, status";

  static final String LOCK = "SELECT " + COLUMNS + " FROM tessera_sla WHERE record_id = $1 ORDER BY policy FOR UPDATE";

  static final String OF = "SELECT " + COLUMNS + " FROM tessera_sla WHERE record_id = ANY($1) ORDER BY record_id, policy";

  static final String DUE = "SELECT " + COLUMNS + " FROM tessera_sla WHERE next_at <= $1 ORDER BY next_at LIMIT $2"
      + " FOR UPDATE SKIP LOCKED";

  static final String SAVE = """
      INSERT INTO tessera_sla (""" + COLUMNS + """
      , updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, now())
      ON CONFLICT (record_id, policy) DO UPDATE SET target = EXCLUDED.target, response_target = EXCLUDED.response_target,
        resolution_target = EXCLUDED.resolution_target, since = EXCLUDED.since, elapsed = EXCLUDED.elapsed,
        paused = EXCLUDED.paused, responded_at = EXCLUDED.responded_at, resolved_at = EXCLUDED.resolved_at,
        response_warned_at = EXCLUDED.response_warned_at, resolution_warned_at = EXCLUDED.resolution_warned_at,
        response_breached_at = EXCLUDED.response_breached_at, resolution_breached_at = EXCLUDED.resolution_breached_at,
        escalations = EXCLUDED.escalations, response_due = EXCLUDED.response_due, resolution_due = EXCLUDED.resolution_due,
        next_at = EXCLUDED.next_at, status = EXCLUDED.status, updated_at = now()""";

  /**
   * The records of an SLA filter: states of the policy (any when null) with a status among the given ones
   * (any when empty) and resolution due before a time (any when null); {@code $n} placeholders are filled by
   * the caller in that order.
   */
  static String records(String policy, String statuses, String dueBefore) {
    StringBuilder b = new StringBuilder("id IN (SELECT record_id FROM tessera_sla WHERE TRUE");
    if (policy != null) {
      b.append(" AND policy = ").append(policy);
    }
    if (statuses != null) {
      b.append(" AND status = ANY(").append(statuses).append("::text[])");
    }
    if (dueBefore != null) {
      b.append(" AND resolution_due < ").append(dueBefore).append("::text::timestamptz");
    }
    return b.append(")").toString();
  }

  private SlaSql() {}
}
