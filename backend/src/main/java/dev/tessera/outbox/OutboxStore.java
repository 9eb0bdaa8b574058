package dev.tessera.outbox;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** Persistence port of the outbox; see storage. */
public interface OutboxStore {
  /** The PostgreSQL notification channel announcing, on commit, that a message is due. */
  String CHANNEL = "tessera_outbox";

  /**
   * Stores a message due now (or, {@code sent}, as delivered already: in-app messages), announcing it;
   * false (and nothing changed) when a message of that idempotency key exists.
   */
  Uni<Boolean> add(Tx tx, OutboundMessage m, boolean sent);

  /** The oldest due pending message no other node holds, locked for this transaction; null when none. */
  Uni<OutboxEntry> claimDue(Tx tx);

  Uni<Void> markSent(Tx tx, long id);

  /** Counts a failed attempt: due again after {@code delay}, or failed for good when {@code delay} is null. */
  Uni<Void> attemptFailed(Tx tx, long id, String error, Duration delay);

  /** Makes a message pending and due now again, its attempts counted from zero; false when there is none. */
  Uni<Boolean> resend(Tx tx, long id);

  Uni<OutboxEntry> byKey(Tx tx, String idempotencyKey);

  /**
   * Deletes at most {@code limit} messages sent or given up before {@code cutoff} (never a pending one), the
   * oldest first, skipping rows another node holds; how many went.
   */
  Uni<Integer> purgeDone(Tx tx, java.time.OffsetDateTime cutoff, int limit);
}
