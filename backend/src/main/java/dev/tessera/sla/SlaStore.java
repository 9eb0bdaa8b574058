package dev.tessera.sla;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The SLA state table ({@code V25__sla.sql}, ADR 0052). */
public interface SlaStore {
  /** The states of a record (one per policy it entered), locked until the transaction ends. */
  Uni<List<SlaState>> lock(Tx tx, UUID recordId);

  /** Inserts or replaces the state of (record, policy). */
  Uni<Void> save(Tx tx, SlaState state);

  /**
   * Up to {@code limit} states whose {@code next_at} has come by {@code now}, locked; rows another
   * transaction holds are skipped (FOR UPDATE SKIP LOCKED), so schedulers on several nodes share the work.
   */
  Uni<List<SlaState>> due(Tx tx, Instant now, int limit);

  /** The states of these records, by record and policy. */
  Uni<List<SlaState>> of(Tx tx, Collection<UUID> recordIds);
}
