package dev.tessera.outbox;

import dev.tessera.platform.TxRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox messages on every node: every {@code tessera.outbox.interval}, and at once when
 * any node announces a new message. Each message is claimed in a transaction of its own ({@code FOR NO KEY
 * UPDATE SKIP LOCKED}: the row lock is the lease, so two nodes never hold one message), sent while
 * the lock is held, and marked sent, due again after {@link Backoff}, or failed after
 * {@code tessera.outbox.max-attempts} attempts (or at once when the failure is not retryable). A node
 * that dies mid-send leaves the message pending: at least once, never again once marked sent.
 */
@ApplicationScoped
public class OutboxWorker {
  private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
  private static final int MAX_ERROR = 2000;
  private final OutboxStore store;
  private final TxRunner tx;
  private final Senders senders;
  private final dev.tessera.platform.Announcements announcements;
  private final Vertx vertx;
  private final boolean enabled;
  private final Duration interval;
  private final int maxAttempts;
  private final Backoff backoff;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile long timer = -1;

  public OutboxWorker(OutboxStore store, TxRunner tx, Senders senders, dev.tessera.platform.Announcements announcements, Vertx vertx,
      @ConfigProperty(name = "tessera.outbox.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.outbox.interval", defaultValue = "5S") Duration interval,
      @ConfigProperty(name = "tessera.outbox.max-attempts", defaultValue = "8") int maxAttempts,
      @ConfigProperty(name = "tessera.outbox.backoff", defaultValue = "10S") Duration backoffBase,
      @ConfigProperty(name = "tessera.outbox.max-backoff", defaultValue = "1H") Duration maxBackoff) {
    this.store = store;
    this.tx = tx;
    this.senders = senders;
    this.announcements = announcements;
    this.vertx = vertx;
    this.enabled = enabled;
    this.interval = interval;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.backoff = new Backoff(backoffBase, maxBackoff);
  }

  void onStart(@Observes StartupEvent ev) {
    if (enabled) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> wake());
      // any node's enqueue, announced at its commit, wakes this node's worker
      announcements.listen(OutboxStore.CHANNEL, payload -> wake());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Starts a round unless one runs; a wake-up during a round runs one more after it. */
  public void wake() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    again.set(false);
    runDue().subscribe().with(n -> done(), e -> {
      LOG.warnf(e, "outbox: a delivery round failed");
      done();
    });
  }

  private void done() {
    running.set(false);
    if (again.get()) {
      wake();
    }
  }

  /** Delivers due messages until none is left that this node can take; how many were tried. */
  public Uni<Integer> runDue() {
    return deliverOne().chain(tried -> tried ? runDue().map(n -> n + 1) : Uni.createFrom().item(0));
  }

  /** Claims, sends and settles one due message in one transaction; false when none was due. */
  private Uni<Boolean> deliverOne() {
    return tx.inTransaction(t -> store.claimDue(t).chain(entry -> {
      if (entry == null) {
        return Uni.createFrom().item(false);
      }
      return Uni.createFrom().deferred(() -> senders.of(entry.message().channel()).send(entry))
          .chain(() -> store.markSent(t, entry.id()))
          .onFailure().recoverWithUni(e -> failed(t, entry, e))
          .replaceWith(true);
    }));
  }

  private Uni<Void> failed(dev.tessera.platform.Tx t, OutboxEntry entry, Throwable e) {
    int attempt = entry.attempts() + 1;
    boolean retry = !(e instanceof SendFailure f) || f.retryable();
    Duration delay = retry && attempt < maxAttempts ? backoff.after(attempt) : null;
    String why = String.valueOf(e.getMessage());
    LOG.infof("outbox %d (%s): attempt %d failed (%s)%s", entry.id(), entry.message().channel(), attempt, why,
        delay == null ? "; given up" : "; again in " + delay);
    return store.attemptFailed(t, entry.id(), why.length() > MAX_ERROR ? why.substring(0, MAX_ERROR) : why, delay);
  }
}
