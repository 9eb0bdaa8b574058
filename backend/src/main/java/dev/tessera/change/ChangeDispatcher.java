package dev.tessera.change;

import dev.tessera.platform.Sequence;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.RecordChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers the change feed to its subscribers, at least once and in commit order. Each round (every
 * {@code tessera.changes.dispatch.interval}, and at once after a local commit): positions what has
 * committed, hands it to this node's live subscriptions ({@link ChangeTail}), then serves each subscriber whose checkpoint no other node holds ({@code FOR UPDATE SKIP
 * LOCKED}), batch by batch, advancing the checkpoint in the batch's transaction. A failing subscriber
 * keeps its checkpoint and its error, and is tried again next round; the others go on. Delivered
 * changes are pruned after {@code tessera.changes.retention}. Several app nodes share the work.
 */
@ApplicationScoped
public class ChangeDispatcher {
  private static final Logger LOG = Logger.getLogger(ChangeDispatcher.class);
  private static final int SEQUENCE_MAX = 10_000;
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final ChangeFeedStore store;
  private final ChangeTail tail;
  private final ChangeFeedFigures figures;
  private final TxRunner tx;
  private final List<ChangeSubscriber> subscribers;
  private final Vertx vertx;
  private final boolean enabled;
  private final Duration interval;
  private final Duration retention;
  private final int batch;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile Instant lastPrune = Instant.EPOCH;
  private volatile long timer = -1;

  public ChangeDispatcher(ChangeFeedStore store, ChangeTail tail, ChangeFeedFigures figures, TxRunner tx, Instance<ChangeSubscriber> subscribers, Vertx vertx,
      @ConfigProperty(name = "tessera.changes.dispatch.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.changes.dispatch.interval", defaultValue = "1S") Duration interval,
      @ConfigProperty(name = "tessera.changes.retention", defaultValue = "P7D") Duration retention,
      @ConfigProperty(name = "tessera.changes.batch", defaultValue = "500") int batch) {
    this.store = store;
    this.tail = tail;
    this.figures = figures;
    this.tx = tx;
    this.subscribers = subscribers.stream().toList();
    this.vertx = vertx;
    this.enabled = enabled;
    this.interval = interval;
    this.retention = retention;
    this.batch = batch;
  }

  /** Registers every subscriber's checkpoint (after the migrations), then starts the rounds. */
  void onStart(@Observes @Priority(20) StartupEvent ev) {
    Sequence.each(subscribers, s -> tx.inTransaction(t -> store.register(t, s.name()))).await().atMost(Duration.ofMinutes(1));
    if (enabled) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> nudge());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** A local commit: deliver now rather than at the next tick. */
  void onCommit(@ObservesAsync RecordChanged change) {
    if (enabled) {
      nudge();
    }
  }

  /** Starts a round unless one is running (which then runs once more). */
  private void nudge() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    round().subscribe().with(v -> finished(), e -> {
      LOG.warnf(e, "change feed round failed");
      finished();
    });
  }

  private void finished() {
    running.set(false);
    if (again.getAndSet(false)) {
      nudge();
    }
  }

  /** One full round now: sequence, deliver every subscriber's backlog, prune when due. For tests and operators. */
  public Uni<Void> round() {
    return sequenceAll().chain(tail::poll).chain(() -> Sequence.each(subscribers, this::serve)).chain(this::pruneIfDue)
        .chain(() -> status().invoke(figures::update).replaceWithVoid());
  }

  private Uni<Void> sequenceAll() {
    return tx.inTransaction(t -> store.sequence(t, SEQUENCE_MAX))
        .chain(n -> n == SEQUENCE_MAX ? sequenceAll() : Uni.createFrom().voidItem());
  }

  /** Delivers a subscriber's backlog, batch after batch, while this node holds its checkpoint. */
  private Uni<Void> serve(ChangeSubscriber s) {
    return tx.inTransaction(t -> store.lock(t, s.name()).chain(position -> {
      if (position == null) {
        return Uni.createFrom().item(0);
      }
      return store.after(t, position, batch).chain(changes -> changes.isEmpty() ? Uni.createFrom().item(0)
          : s.deliver(t, changes).chain(() -> store.advance(t, s.name(), changes.get(changes.size() - 1).position(),
              changes.size())).replaceWith(changes.size()));
    })).onFailure().call(e -> {
      LOG.warnf(e, "change feed subscriber %s failed; it keeps its checkpoint and is tried again", s.name());
      String why = String.valueOf(e.getMessage());
      return tx.inTransaction(t -> store.failed(t, s.name(), why.length() > 2000 ? why.substring(0, 2000) : why))
          .onFailure().recoverWithNull();
    }).onFailure().recoverWithItem(0)
        .chain(n -> n == batch ? serve(s) : Uni.createFrom().voidItem());
  }

  private Uni<Void> pruneIfDue() {
    if (Instant.now().isBefore(lastPrune.plus(PRUNE_EVERY))) {
      return Uni.createFrom().voidItem();
    }
    lastPrune = Instant.now();
    return prune().replaceWithVoid();
  }

  /** Deletes the changes every subscriber has taken that are older than the retention; returns how many. */
  public Uni<Integer> prune() {
    return tx.inTransaction(t -> store.prune(t, retention)).invoke(n -> {
      if (n > 0) {
        LOG.infof("change feed: %d delivered change(s) older than %s pruned", n, retention);
      }
    });
  }

  /** Where the feed stands: its head and each subscriber's checkpoint and lag. */
  public Uni<ChangeFeedStore.Status> status() {
    return tx.withConnection(store::status);
  }
}
