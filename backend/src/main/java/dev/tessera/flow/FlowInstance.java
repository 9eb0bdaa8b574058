package dev.tessera.flow;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a flow: the flow's name and the version it started on (it finishes on it), the record it
 * runs on (null for a schedule without entity), its status, how it ended, its variables.
 */
public record FlowInstance(UUID id, String flow, int version, String entity, UUID recordId, Status status,
    String outcome, Map<String, Object> variables, String triggerKey, String startedBy, boolean test,
    OffsetDateTime startedAt, OffsetDateTime endedAt) {
  public FlowInstance {
    variables = variables == null ? Map.of() : variables;
  }

  /** running: a token is ready; waiting: every token waits; failed: a token is an incident. */
  public enum Status {
    RUNNING, WAITING, FAILED, COMPLETED, CANCELLED;

    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String sql) {
      return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean ended() {
      return this == COMPLETED || this == CANCELLED;
    }
  }
}
