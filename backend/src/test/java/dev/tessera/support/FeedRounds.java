package dev.tessera.support;

import dev.tessera.change.ChangeDispatcher;
import dev.tessera.change.ChangeFeedStore;
import java.time.Duration;

/** Brings the audit trail up to date with the change feed, for tests that read a record's history. */
public final class FeedRounds {
  private FeedRounds() {}

  /**
   * Runs rounds until the audit trail has taken everything committed so far (a background round may
   * hold its checkpoint for a moment: this node's own round then skips it).
   */
  public static void catchUp(ChangeDispatcher dispatcher) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      dispatcher.round().await().atMost(Duration.ofSeconds(30));
      ChangeFeedStore.Status s = dispatcher.status().await().atMost(Duration.ofSeconds(10));
      boolean caughtUp = s.unpositioned() == 0 && s.subscribers().stream()
          .filter(x -> x.name().equals("audit")).allMatch(x -> x.position() >= s.head());
      if (caughtUp) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("the audit trail did not catch up with the change feed within 30 s");
  }
}
