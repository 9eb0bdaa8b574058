package dev.tessera.support;

import dev.tessera.outbox.OutboxEntry;
import dev.tessera.outbox.OutboxStore;
import dev.tessera.outbox.OutboxWorker;
import dev.tessera.platform.TxRunner;
import java.time.Duration;

/** Waits for an outbox message to reach a state, running the delivery worker meanwhile. */
public final class Outboxes {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Outboxes() {}

  public static void awaitState(TxRunner tx, OutboxStore store, OutboxWorker worker, String key, String state) {
    awaitState(tx, store, worker, key, state, true);
  }

  /** As above; {@code run} false: only wait, the node's own worker delivers (woken as it is in production). */
  public static void awaitState(TxRunner tx, OutboxStore store, OutboxWorker worker, String key, String state, boolean run) {
    long until = System.nanoTime() + WAIT.toNanos();
    OutboxEntry e = null;
    while (System.nanoTime() < until) {
      e = tx.withConnection(t -> store.byKey(t, key)).await().atMost(WAIT);
      if (e != null && state.equals(e.state())) {
        return;
      }
      if (run) {
        worker.runDue().await().atMost(WAIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError(key + " never became " + state + ": " + e);
  }
}
