package dev.tessera.assignment;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Persistence port of the assignment engine: turns of rotating strategies and assignment traces. */
public interface AssignmentStore {
  /**
   * Takes the next turn of a rotation (1, 2, 3 ...) in the write's transaction. Concurrent writes
   * wait for each other on the rotation's row, so each committed write has its own turn.
   */
  Uni<Long> takeTurn(Tx tx, String ruleId, String entryId, String target);

  /**
   * Takes the next turn of a rotation without a lock (a sequence per rotation): concurrent writes do
   * not wait for each other; a write that rolls back leaves its turn unused.
   */
  Uni<Long> nextTurn(Tx tx, String ruleId, String entryId, String target);

  /** The turn {@link #nextTurn} would give next, without taking it. */
  Uni<Long> peekTurn(Tx tx, String ruleId, String entryId, String target);

  Uni<Void> trace(Tx tx, String entity, UUID recordId, String owner, Map<String, Object> trace);

  /** The traces of a record, newest first. */
  Uni<List<Map<String, Object>>> traces(Tx tx, UUID recordId);
}
