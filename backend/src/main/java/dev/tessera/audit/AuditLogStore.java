package dev.tessera.audit;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;

/** Persistence port of the security audit log and of the audit retention; see storage. */
public interface AuditLogStore {
  Uni<Void> append(Tx tx, SecurityEvent event);

  /** Events matching {@code filter}, newest first, before the event {@code beforeId} (null: from the newest). */
  Uni<List<SecurityEvent>> events(Tx tx, AuditLogFilter filter, Long beforeId, int limit);

  /**
   * Events by or about {@code username} (actor or subject), newest first, strictly after {@code before} in the
   * order of a user's activity (null: from the newest).
   */
  Uni<List<SecurityEvent>> eventsOf(Tx tx, String username, ActivityKey before, int limit);

  /**
   * Deletes at most {@code limit} security events older than {@code cutoff}, skipping rows another node is
   * deleting right now (SKIP LOCKED); returns how many.
   */
  Uni<Integer> purgeSecurityLog(Tx tx, OffsetDateTime cutoff, int limit);

  /** As {@link #purgeSecurityLog}, for the record trail (tessera_audit). */
  Uni<Integer> purgeRecordTrail(Tx tx, OffsetDateTime cutoff, int limit);
}
