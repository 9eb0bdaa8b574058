package dev.tessera.change;

import dev.tessera.platform.ChangeFeedLag;
import dev.tessera.platform.ChangeFeedLagGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change feed's lag per subscriber as the metrics endpoint reports it: figures kept in memory and
 * refreshed by the dispatcher after each round (a scrape never queries). Pending changes count those not
 * yet positioned too; the lag in seconds is the age of the oldest change a subscriber has not taken.
 */
@ApplicationScoped
public class ChangeFeedFigures implements ChangeFeedLag {
  private record Figure(long pending, OffsetDateTime oldest) {}

  private final Map<String, Figure> figures = new ConcurrentHashMap<>();
  private final Instance<ChangeFeedLagGauges> gauges;

  public ChangeFeedFigures(Instance<ChangeFeedLagGauges> gauges) {
    this.gauges = gauges;
  }

  /** Takes the feed's state after a round; registers series when the subscribers changed. */
  void update(ChangeFeedStore.Status status) {
    Set<String> before = Set.copyOf(figures.keySet());
    Map<String, Figure> next = new java.util.HashMap<>();
    status.subscribers().forEach(s -> next.put(s.name(), new Figure(s.lag() + status.unpositioned(), s.oldestPending())));
    figures.putAll(next);
    figures.keySet().retainAll(next.keySet());
    if (!before.equals(next.keySet()) && gauges.isResolvable()) {
      gauges.get().refresh();
    }
  }

  @Override
  public Set<String> subscribers() {
    return Set.copyOf(figures.keySet());
  }

  @Override
  public long pendingChanges(String subscriber) {
    Figure f = figures.get(subscriber);
    return f == null ? 0 : f.pending();
  }

  @Override
  public double lagSeconds(String subscriber) {
    Figure f = figures.get(subscriber);
    if (f == null || f.oldest() == null) {
      return 0;
    }
    return Math.max(0, Duration.between(f.oldest(), OffsetDateTime.now()).toMillis() / 1000.0);
  }
}
