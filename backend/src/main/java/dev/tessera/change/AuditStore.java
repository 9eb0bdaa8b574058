package dev.tessera.change;

import dev.tessera.audit.ActivityKey;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Persistence port of the audit trail of record changes; see storage. */
public interface AuditStore {
  /** Keeps changes (again delivered ones are ignored: their position is already kept). */
  Uni<Void> record(Tx tx, List<Change> batch);

  /** Keeps the feed's changes of positions {@code (after, upTo]}, copied inside the database. */
  Uni<Void> recordRange(Tx tx, long after, long upTo);

  /** A record's changes, newest first, before position {@code before} (null: from the newest). */
  Uni<List<Change>> history(Tx tx, String entity, UUID id, Long before, int limit);

  /** The changes {@code actor} made, newest first, strictly after {@code before} in a user's activity (null: from the newest). */
  Uni<List<Change>> byActor(Tx tx, String actor, ActivityKey before, int limit);
}
