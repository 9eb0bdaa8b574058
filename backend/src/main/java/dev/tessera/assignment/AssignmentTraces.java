package dev.tessera.assignment;

import dev.tessera.platform.Actor;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** "Why this owner?": the assignment traces of a record, newest first, read for a caller. */
@ApplicationScoped
public class AssignmentTraces {
  private final AssignmentStore store;
  private final TxRunner tx;

  public AssignmentTraces(AssignmentStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /**
   * Each trace as the engine wrote it (rule, entry, strategy, target, owner, turn, why, skills,
   * considered, skipped) plus {@code assignedAt}.
   */
  public Uni<List<Map<String, Object>>> of(Actor actor, UUID recordId) {
    return tx.withConnection(t -> store.traces(t, recordId));
  }
}
