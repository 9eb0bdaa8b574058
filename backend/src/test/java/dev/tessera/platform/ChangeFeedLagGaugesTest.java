package dev.tessera.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** One pair of gauges per subscriber, reading the lag source live; a subscriber that leaves loses its gauges. */
class ChangeFeedLagGaugesTest {
  /** Lag figures a test can change, as a dispatcher would after each batch. */
  static final class Figures implements ChangeFeedLag {
    final Map<String, Long> pending = new ConcurrentHashMap<>();

    @Override
    public Set<String> subscribers() {
      return Set.copyOf(pending.keySet());
    }

    @Override
    public long pendingChanges(String subscriber) {
      return pending.getOrDefault(subscriber, 0L);
    }

    @Override
    public double lagSeconds(String subscriber) {
      return pendingChanges(subscriber) * 0.5;
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ChangeFeedLagGauges gauges = new ChangeFeedLagGauges(registry, null);
  private final Figures figures = new Figures();

  @Test
  void gaugesFollowTheFiguresOfEachSubscriber() {
    figures.pending.put("audit", 3L);
    figures.pending.put("flows", 0L);
    gauges.refresh(List.of(figures));
    figures.pending.put("audit", 8L);

    assertEquals(8, pending("audit"));
    assertEquals(4.0, registry.get(ChangeFeedLagGauges.LAG).tag("subscriber", "audit").gauge().value());
    assertEquals(0, pending("flows"));
  }

  @Test
  void aSubscriberThatLeavesLosesItsGaugesAndANewOneGetsThem() {
    figures.pending.put("webhook-1", 1L);
    gauges.refresh(List.of(figures));
    figures.pending.remove("webhook-1");
    figures.pending.put("webhook-2", 2L);
    gauges.refresh(List.of(figures));

    assertNull(registry.find(ChangeFeedLagGauges.PENDING).tag("subscriber", "webhook-1").gauge());
    assertNull(registry.find(ChangeFeedLagGauges.LAG).tag("subscriber", "webhook-1").gauge());
    assertEquals(2, pending("webhook-2"));
  }

  private double pending(String subscriber) {
    return registry.get(ChangeFeedLagGauges.PENDING).tag("subscriber", subscriber).gauge().value();
  }
}
