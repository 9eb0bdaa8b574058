package dev.tessera.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A round of work a node repeats on a Vert.x timer (a scheduler's tick), never two rounds at once on the
 * node: a tick that finds the last round still running is skipped. A failed round is logged and the next
 * tick tries again.
 */
public final class Periodic {
  private static final Logger LOG = Logger.getLogger(Periodic.class);

  private final Vertx vertx;
  private final Duration every;
  private final Supplier<Uni<?>> round;
  private final String what;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  /** {@code what} names the work in the log when a round fails. */
  public Periodic(Vertx vertx, Duration every, Supplier<Uni<?>> round, String what) {
    this.vertx = vertx;
    this.every = every;
    this.round = round;
    this.what = what;
  }

  public void start() {
    timer = vertx.setPeriodic(Math.max(100, every.toMillis()), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    round.get().subscribe().with(x -> running.set(false), e -> {
      LOG.warnf(e, "%s: a round failed", what);
      running.set(false);
    });
  }
}
