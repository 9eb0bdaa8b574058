package dev.tessera.sla;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.platform.Periodic;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.RecordStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fires what SLA clocks have come due (ADR 0052): warnings at the policy's share of a target, breaches at
 * the due time, escalation steps after the breach. Every node ticks every {@code tessera.sla.interval}
 * (default 10 s); each tick takes the due rows in batches with {@code FOR UPDATE SKIP LOCKED}, so nodes
 * share the work and a row fires on one of them; the row's next moment moves on in the same transaction as
 * the messages it sends, so an event fires once. A record deleted, or a policy deactivated or removed,
 * stops its clocks.
 */
@ApplicationScoped
public class SlaScheduler {
  /** Rows taken per transaction. */
  static final int BATCH = 100;

  private final MetadataRegistry registry;
  private final SlaStore store;
  private final RecordStore records;
  private final SlaNotices notices;
  private final TxRunner tx;
  private final Clock clock;
  private final boolean enabled;
  private final Periodic ticks;

  public SlaScheduler(MetadataRegistry registry, SlaStore store, RecordStore records, SlaNotices notices, TxRunner tx,
      Clock clock, Vertx vertx, @ConfigProperty(name = "tessera.sla.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.sla.interval", defaultValue = "PT10S") Duration interval) {
    this.registry = registry;
    this.store = store;
    this.records = records;
    this.notices = notices;
    this.tx = tx;
    this.clock = clock;
    this.enabled = enabled;
    this.ticks = new Periodic(vertx, interval, this::fire, "sla");
  }

  void onStart(@Observes StartupEvent ev) {
    if (enabled) {
      ticks.start();
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    ticks.stop();
  }

  /** Fires everything due by the clock's now, batch after batch; how many events fired. */
  public Uni<Integer> fire() {
    Instant now = clock.instant();
    return batch(now, 0);
  }

  private Uni<Integer> batch(Instant now, int fired) {
    MetadataSnapshot meta = registry.current();
    return tx.inTransaction(t -> store.due(t, now, BATCH).chain(due -> Sequence.map(due, s -> one(t, meta, s, now))
            .map(counts -> new int[] {due.size(), counts.stream().mapToInt(Integer::intValue).sum()})))
        .chain(r -> r[0] < BATCH ? Uni.createFrom().item(fired + r[1]) : batch(now, fired + r[1]));
  }

  /** One due state: its events fired and its messages queued, the state written back; how many events. */
  private Uni<Integer> one(Tx t, MetadataSnapshot meta, SlaState s, Instant now) {
    SlaPolicyDefinition policy = meta.named(SlaPolicyDefinition.class, s.policy).filter(SlaPolicyDefinition::active)
        .orElse(null);
    CalendarDefinition calendar = policy == null ? null : meta.named(CalendarDefinition.class, policy.calendar()).orElse(null);
    EntityDefinition entity = meta.entities().get(s.entity);
    if (calendar == null || entity == null) {
      return stop(t, s);
    }
    return records.findById(t, entity, s.recordId, false).chain(record -> {
      if (record == null) {
        return stop(t, s);
      }
      SlaClock c = new SlaClock(policy, calendar);
      List<SlaClock.Event> events = c.fire(s, now);
      return notices.send(t, meta, policy, entity, record, s, events, ZoneId.of(calendar.timezone()))
          .chain(() -> store.save(t, s)).replaceWith(events.size());
    });
  }

  private Uni<Integer> stop(Tx t, SlaState s) {
    s.nextAt = null;
    return store.save(t, s).replaceWith(0);
  }
}
