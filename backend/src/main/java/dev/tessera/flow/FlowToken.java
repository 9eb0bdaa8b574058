package dev.tessera.flow;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Where one path of an instance is: at {@code node}, ready to run, waiting (until {@code dueAt}, or for
 * what {@code wait} names) or stopped by an incident. {@code visit} counts the token's steps: with the
 * instance and node it scopes the idempotency key of the node's effects.
 */
public record FlowToken(long id, UUID instanceId, String node, State state, OffsetDateTime dueAt, int attempt,
    int visit, Map<String, Object> waitFor, Long stepId, String error) {
  public enum State {
    READY, WAITING, INCIDENT;

    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static State of(String sql) {
      return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** The key of this step's effects: the same on every attempt of the same visit, so a retry lands once. */
  public String effectKey() {
    return "flow:" + instanceId + ":" + node + ":" + visit;
  }
}
