package dev.tessera.sla;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the SLA state of records for display (ADR 0052). Callers pass only records the reader already
 * showed to the user (the state of a record is as visible as the record itself); the working time left
 * is computed at the clock's now.
 */
@ApplicationScoped
public class SlaService {
  private final SlaStore store;
  private final TxRunner tx;
  private final Clock clock;

  public SlaService(SlaStore store, TxRunner tx, Clock clock) {
    this.store = store;
    this.tx = tx;
    this.clock = clock;
  }

  /** What a record's SLA shows: the state and the working seconds left on its nearest pending clock (null: none). */
  public record View(SlaState state, Long timeLeft) {}

  /** The SLA views of these records, by record id, each list in policy order of the metadata. */
  public Uni<Map<UUID, List<View>>> of(MetadataSnapshot meta, Collection<UUID> recordIds) {
    Instant now = clock.instant();
    return tx.withConnection(t -> store.of(t, recordIds)).map(states -> {
      Map<UUID, List<View>> out = new LinkedHashMap<>();
      for (SlaState s : states) {
        out.computeIfAbsent(s.recordId, k -> new ArrayList<>()).add(new View(s, timeLeft(meta, s, now)));
      }
      return out;
    });
  }

  private static Long timeLeft(MetadataSnapshot meta, SlaState s, Instant now) {
    SlaPolicyDefinition p = meta.named(SlaPolicyDefinition.class, s.policy).orElse(null);
    CalendarDefinition c = p == null ? null : meta.named(CalendarDefinition.class, p.calendar()).orElse(null);
    return c == null ? null : new SlaClock(p, c).timeLeft(s, now);
  }
}
