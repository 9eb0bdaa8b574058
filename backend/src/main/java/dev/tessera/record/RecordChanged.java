package dev.tessera.record;

import java.util.Map;
import java.util.UUID;

/**
 * Fired (CDI async event) after a write has committed: the async lane (flows, notifications) listens.
 * Never fired for a rolled-back write.
 */
public record RecordChanged(
    String entity, UUID id, Operation operation, Map<String, Object> before, Map<String, Object> after,
    int version, String actor, String ownerBefore, String ownerAfter) {

  /** True when the write gave the record another owner (a claim, a release, a reassignment). */
  public boolean ownerChanged() {
    return operation == Operation.UPDATE && !java.util.Objects.equals(ownerBefore, ownerAfter);
  }

  /** The event of one write: {@code before} is null for a create, {@code after} null for a delete. */
  public static RecordChanged of(String entity, Operation op, DataRecord before, DataRecord after,
      dev.tessera.platform.Actor actor) {
    DataRecord r = after != null ? after : before;
    return new RecordChanged(entity, r.id(), op, before == null ? null : before.data(),
        after == null ? null : after.data(), r.version(), actor.userId(), before == null ? null : before.ownerId(),
        after == null ? null : after.ownerId());
  }

  /** Kinds of write. */
  public enum Operation {
    CREATE, UPDATE, DELETE, RESTORE
  }
}
