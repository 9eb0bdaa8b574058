package dev.tessera.change;

import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of record changes, kept from the change feed: who changed which fields from what to
 * what, when and through which path. It is written in the transaction that advances its checkpoint, so
 * each change is kept exactly once, and it outlives the feed's retention. The record page's timeline
 * reads it ({@link #history}).
 */
@ApplicationScoped
public class AuditTrail implements ChangeSubscriber {
  /** Most changes one history call returns. */
  public static final int MAX_HISTORY = 200;
  private final AuditStore store;
  private final TxRunner tx;

  public AuditTrail(AuditStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public Uni<Void> deliver(Tx t, List<Change> batch) {
    return store.record(t, batch);
  }

  /** A record's changes, newest first, at most {@code limit} (capped at {@link #MAX_HISTORY}). */
  public Uni<List<Change>> history(String entity, UUID id, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_HISTORY));
    return tx.withConnection(t -> store.history(t, entity, id, n));
  }
}
