package dev.tessera.change;

import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live end of the change feed on this node, for GraphQL subscriptions: every change positioned
 * after this node started (committed on any node), in commit order. It keeps no checkpoint, as a live
 * subscription needs none; the dispatcher calls {@link #poll} each round.
 */
@ApplicationScoped
public class ChangeTail {
  private static final int PAGE = 1000;
  private final ChangeFeedStore store;
  private final TxRunner tx;
  private final BroadcastProcessor<Change> processor = BroadcastProcessor.create();
  private volatile long seen = -1;

  public ChangeTail(ChangeFeedStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /** Changes from now on; a subscriber that falls behind is dropped by its own overflow bound. */
  public Multi<Change> live() {
    return processor;
  }

  /** Reads what was positioned since the last poll and hands it to the live subscribers. */
  Uni<Void> poll() {
    if (seen < 0) {
      return tx.withConnection(store::status).invoke(s -> seen = Math.max(seen, s.head())).replaceWithVoid();
    }
    return tx.withConnection(t -> store.after(t, seen, PAGE)).chain(changes -> {
      for (Change c : changes) {
        seen = c.position();
        processor.onNext(c);
      }
      return changes.size() == PAGE ? poll() : Uni.createFrom().voidItem();
    });
  }
}
