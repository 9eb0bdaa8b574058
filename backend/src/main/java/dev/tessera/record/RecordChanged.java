package dev.tessera.record;

import java.util.Map;
import java.util.UUID;

/**
 * Fired (CDI async event) after a write has committed: the async lane (flows, notifications) listens.
 * Never fired for a rolled-back write.
 */
public record RecordChanged(
    String entity, UUID id, Operation operation, Map<String, Object> before, Map<String, Object> after,
    int version, String actor) {

  /** Kinds of write. */
  public enum Operation {
    CREATE, UPDATE, DELETE, RESTORE
  }
}
