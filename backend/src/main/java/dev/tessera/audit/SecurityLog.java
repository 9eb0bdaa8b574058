package dev.tessera.audit;

import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the security audit log. An action that has a transaction writes its event there
 * ({@link #write}), so a publish that fails leaves no "published" entry; an action that writes nothing
 * else (a sign-in refused before any check) writes its event alone ({@link #writeAlone}). Reads go through
 * {@code change.AuditTrail}, the one place they are gated.
 */
@ApplicationScoped
public class SecurityLog {
  private final AuditLogStore store;
  private final TxRunner tx;

  public SecurityLog(AuditLogStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /** Writes {@code event} in the action's transaction: it commits or rolls back with the action. */
  public Uni<Void> write(Tx t, SecurityEvent event) {
    return store.append(t, event);
  }

  /** Writes {@code event} in a transaction of its own. */
  public Uni<Void> writeAlone(SecurityEvent event) {
    return tx.inTransaction(t -> store.append(t, event));
  }
}
