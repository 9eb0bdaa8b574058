package dev.tessera.job;

import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs background jobs: every {@code tessera.jobs.interval}, claims the oldest open job no other node
 * holds (SKIP LOCKED), and runs its steps one transaction each until it finishes. A failing step marks
 * the job failed with its error (readable through GraphQL); a node that dies mid-step loses only that
 * step, which another node (or the restart) redoes.
 */
@ApplicationScoped
public class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class);
  private final JobStore store;
  private final TxRunner tx;
  private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
  private final Vertx vertx;
  private final boolean enabled;
  private final Duration interval;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public JobRunner(JobStore store, TxRunner tx, Instance<JobHandler> handlers, Vertx vertx,
      @ConfigProperty(name = "tessera.jobs.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.jobs.interval", defaultValue = "1S") Duration interval) {
    this.store = store;
    this.tx = tx;
    handlers.forEach(h -> this.handlers.put(h.kind(), h));
    this.vertx = vertx;
    this.enabled = enabled;
    this.interval = interval;
  }

  void onStart(@Observes StartupEvent ev) {
    if (enabled) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    runAll().subscribe().with(n -> running.set(false), e -> {
      LOG.warnf(e, "background jobs: a round failed");
      running.set(false);
    });
  }

  /** Runs open jobs until none is left that this node can take; returns how many steps ran. */
  public Uni<Integer> runAll() {
    return stepOnce().chain(ran -> ran ? runAll().map(n -> n + 1) : Uni.createFrom().item(0));
  }

  /** One step of the oldest open job; false when there was none to take. */
  private Uni<Boolean> stepOnce() {
    long[] failed = {-1};
    return tx.inTransaction(t -> store.claim(t).chain(job -> {
      if (job == null) {
        return Uni.createFrom().item(false);
      }
      failed[0] = job.id();
      JobHandler h = handlers.get(job.kind());
      if (h == null) {
        throw new PlatformException(ErrorCode.INTERNAL_ERROR, RequestMessages.text("NO_JOB_HANDLER", java.util.Map.of("kind", job.kind())), null);
      }
      return h.step(t, job).chain(s -> s == JobHandler.Step.WAIT ? Uni.createFrom().item(false)
          : store.progress(t, job.id(), s.cursor(), s.done(), s.total(), s.finished()).replaceWith(true));
    })).onFailure().recoverWithUni(e -> {
      if (failed[0] < 0) {
        return Uni.createFrom().failure(e);
      }
      LOG.errorf(e, "background job %d failed", failed[0]);
      String why = String.valueOf(e.getMessage());
      return tx.inTransaction(t -> store.fail(t, failed[0], why.length() > 2000 ? why.substring(0, 2000) : why))
          .replaceWith(true);
    });
  }

  public Uni<Job> find(long id) {
    return tx.withConnection(t -> store.find(t, id));
  }

  public Uni<List<Job>> list(String state, int limit) {
    return tx.withConnection(t -> store.list(t, state, limit));
  }
}
