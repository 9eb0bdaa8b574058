package dev.tessera.change;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A consumer of the change feed with its own checkpoint (flows, the audit trail, webhooks, caches).
 * The dispatcher hands it batches in commit order, at least once: a batch whose delivery fails, or
 * whose node dies before the checkpoint commits, comes again. {@code tx} is the transaction that
 * advances the checkpoint: a subscriber that writes to the database there is delivered exactly once.
 * One app node at a time serves a subscriber, so its batches never overlap.
 */
public interface ChangeSubscriber {
  /** A stable name: the key of the checkpoint. */
  String name();

  Uni<Void> deliver(Tx tx, List<Change> batch);
}
