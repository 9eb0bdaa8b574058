package dev.tessera.flow;

import dev.tessera.platform.Announcements;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps this node's share of the flow work going: up to {@code tessera.flows.workers} loops each run due
 * tokens until none is left, started by the poll ({@code tessera.flows.poll}) and at once when another
 * node (or this one) announces new ready tokens. Every app node runs one; SKIP LOCKED shares the tokens.
 */
@ApplicationScoped
public class FlowRunner {
  private static final Logger LOG = Logger.getLogger(FlowRunner.class);
  private final FlowEngine engine;
  private final Announcements announcements;
  private final Vertx vertx;
  private final boolean enabled;
  private final int workers;
  private final Duration poll;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile long timer = -1;

  public FlowRunner(FlowEngine engine, Announcements announcements, Vertx vertx,
      @ConfigProperty(name = "tessera.flows.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.flows.workers", defaultValue = "4") int workers,
      @ConfigProperty(name = "tessera.flows.poll", defaultValue = "PT0.25S") Duration poll) {
    this.engine = engine;
    this.announcements = announcements;
    this.vertx = vertx;
    this.enabled = enabled;
    this.workers = Math.max(1, workers);
    this.poll = poll;
  }

  void onStart(@Observes StartupEvent ev) {
    if (enabled) {
      announcements.listen(FlowStore.CHANNEL, payload -> wake());
      timer = vertx.setPeriodic(Math.max(10, poll.toMillis()), id -> wake());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    stopped.set(true);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Starts a worker when fewer than the maximum run. */
  public void wake() {
    if (stopped.get()) {
      return;
    }
    int n = active.get();
    if (n < workers && active.compareAndSet(n, n + 1)) {
      work();
    }
  }

  private void work() {
    engine.runDue().subscribe().with(ran -> {
      if (ran && !stopped.get()) {
        wake(); // more may be due: ramp up to the maximum
        work();
      } else {
        active.decrementAndGet();
      }
    }, e -> {
      LOG.warnf(e, "flows: a run failed");
      active.decrementAndGet();
    });
  }
}
