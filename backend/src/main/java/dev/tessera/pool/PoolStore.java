package dev.tessera.pool;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Persistence port of public pools: which records wait in which pool, and who claimed what. */
public interface PoolStore {
  /** A record waiting in a pool. */
  record Entry(UUID recordId, String pool, String entity, OffsetDateTime enteredAt, String previousOwner) {}

  Uni<Void> enter(Tx tx, String pool, String entity, UUID recordId, String previousOwner);

  /** Takes the record out of the pool; null when it is not there (any more), e.g. another claim won. */
  Uni<Entry> take(Tx tx, String pool, UUID recordId);

  Uni<Entry> find(Tx tx, UUID recordId);

  /** The records waiting in a pool, longest waiting first, after the entry of {@code after} when given. */
  Uni<java.util.List<Entry>> entries(Tx tx, String pool, UUID after, int limit);

  Uni<Void> claimed(Tx tx, String pool, UUID recordId, String username);

  /** Takes a transaction-scoped lock on a pool's recycling; false when another node holds it. */
  Uni<Boolean> lockRecycling(Tx tx, String pool);

  /** Claims of a user from a pool since a moment (today's claims for the daily cap). */
  Uni<Long> claimsSince(Tx tx, String pool, String username, OffsetDateTime since);
}
