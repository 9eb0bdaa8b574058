package dev.tessera.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers two gauges per change-feed subscriber, read from every {@link ChangeFeedLag} bean: the
 * changes still pending and the age of the oldest. Gauges of a subscriber that is gone are removed,
 * so a deleted webhook does not report forever.
 */
@ApplicationScoped
public class ChangeFeedLagGauges {
  static final String PENDING = "tessera.changefeed.pending.changes";
  static final String LAG = "tessera.changefeed.lag.seconds";
  private final MeterRegistry registry;
  private final Instance<ChangeFeedLag> sources;
  private final Map<String, Set<Meter>> registered = new ConcurrentHashMap<>();

  public ChangeFeedLagGauges(MeterRegistry registry, @Any Instance<ChangeFeedLag> sources) {
    this.registry = registry;
    this.sources = sources;
  }

  void onStart(@Observes StartupEvent ev) {
    refresh();
  }

  /** Adds gauges for new subscribers and removes those of subscribers no longer reported. */
  public void refresh() {
    refresh(sources);
  }

  synchronized void refresh(Iterable<? extends ChangeFeedLag> lags) {
    Set<String> seen = new HashSet<>();
    for (ChangeFeedLag source : lags) {
      for (String subscriber : source.subscribers()) {
        seen.add(subscriber);
        registered.computeIfAbsent(subscriber, s -> Set.of(
            Gauge.builder(PENDING, source, l -> l.pendingChanges(s)).tag("subscriber", s).strongReference(true)
                .description("Changes committed to the change feed and not yet delivered to the subscriber")
                .register(registry),
            Gauge.builder(LAG, source, l -> l.lagSeconds(s)).tag("subscriber", s).strongReference(true)
                .baseUnit("seconds").description("Age of the oldest change not yet delivered to the subscriber")
                .register(registry)));
      }
    }
    registered.keySet().removeIf(subscriber -> {
      if (seen.contains(subscriber)) {
        return false;
      }
      registered.get(subscriber).forEach(registry::remove);
      return true;
    });
  }
}
