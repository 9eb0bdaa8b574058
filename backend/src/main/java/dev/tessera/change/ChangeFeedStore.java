package dev.tessera.change;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** Persistence port of the change feed's read side, checkpoints and retention; see storage. */
public interface ChangeFeedStore {
  /**
   * Gives committed, unpositioned changes their positions, in insert order, at most {@code max}; 0 when
   * another node is sequencing right now.
   */
  Uni<Integer> sequence(Tx tx, int max);

  /** Creates the checkpoint of a subscriber when it has none yet (starting at the feed's head: no backlog). */
  Uni<Void> register(Tx tx, String subscriber);

  /** Locks the subscriber's checkpoint for this transaction; null when another node holds it. */
  Uni<Long> lock(Tx tx, String subscriber);

  Uni<List<Change>> after(Tx tx, long position, int limit);

  Uni<Void> advance(Tx tx, String subscriber, long position, int delivered);

  Uni<Void> failed(Tx tx, String subscriber, String error);

  /**
   * Deletes changes every subscriber has taken that committed before {@code retention} ago; returns how
   * many.
   */
  Uni<Integer> prune(Tx tx, Duration retention);

  /**
   * A subscriber's state: where it stands, how far behind the head it is, and when the oldest change it
   * has not taken yet committed (null when caught up).
   */
  record SubscriberState(String name, long position, long lag, long delivered, OffsetDateTime updatedAt,
      String lastError, OffsetDateTime oldestPending) {}

  /** The head position and every subscriber's state. */
  record Status(long head, long unpositioned, List<SubscriberState> subscribers) {}

  Uni<Status> status(Tx tx);
}
