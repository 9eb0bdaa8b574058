package dev.tessera.change;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Persistence port of the audit trail of record changes; see storage. */
public interface AuditStore {
  /** Keeps changes (again delivered ones are ignored: their position is already kept). */
  Uni<Void> record(Tx tx, List<Change> batch);

  /** A record's changes, newest first. */
  Uni<List<Change>> history(Tx tx, String entity, UUID id, int limit);
}
