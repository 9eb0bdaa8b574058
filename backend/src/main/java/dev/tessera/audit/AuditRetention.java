package dev.tessera.audit;

import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the audit data for {@code tessera.audit.retention} (default 180 days: China's Cybersecurity Law asks
 * for six months of logs) and purges what is older, the record trail and the security log alike, every
 * {@code tessera.audit.purge.interval}. Each batch of at most {@code tessera.audit.purge.batch} rows is its
 * own short transaction whose rows are taken {@code FOR UPDATE SKIP LOCKED}, so the purge never holds long
 * locks and several nodes purging at once share the rows instead of waiting or deleting twice. A retention
 * under one day stops the start.
 */
@ApplicationScoped
public class AuditRetention {
  private static final Logger LOG = Logger.getLogger(AuditRetention.class);
  private static final Pattern DAYS = Pattern.compile("^\\s*(\\d{1,6})\\s*$");
  /** Most batches one round deletes; the rest waits for the next round. */
  static final int MAX_BATCHES = 1000;

  /** What a purge deleted. */
  public record Purged(int recordTrail, int securityLog) {}

  @FunctionalInterface
  private interface BatchDelete {
    Uni<Integer> delete(Tx tx, OffsetDateTime cutoff, int limit);
  }

  private final AuditLogStore store;
  private final TxRunner tx;
  private final Vertx vertx;
  private final Duration retention;
  private final boolean enabled;
  private final Duration interval;
  private final int batch;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public AuditRetention(AuditLogStore store, TxRunner tx, Vertx vertx,
      @ConfigProperty(name = "tessera.audit.retention", defaultValue = "180") String retention,
      @ConfigProperty(name = "tessera.audit.purge.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.audit.purge.interval", defaultValue = "PT1H") Duration interval,
      @ConfigProperty(name = "tessera.audit.purge.batch", defaultValue = "1000") int batch) {
    this.store = store;
    this.tx = tx;
    this.vertx = vertx;
    this.retention = parse(retention);
    this.enabled = enabled;
    this.interval = interval;
    this.batch = Math.max(1, batch);
  }

  /**
   * A retention as configured: a whole number of days ({@code 180}) or an ISO-8601 duration ({@code P180D},
   * {@code PT4320H}); refused below one day.
   */
  public static Duration parse(String value) {
    String v = value == null ? "" : value.trim();
    Duration d;
    var days = DAYS.matcher(v);
    try {
      d = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("tessera.audit.retention must be a number of days (e.g. 180) or an ISO-8601"
          + " duration (e.g. P180D), not \"" + value + "\"", e);
    }
    if (d.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("tessera.audit.retention must be at least one day (P1D); \"" + value
          + "\" would purge audit data younger than a day. The default is 180 days.");
    }
    return d;
  }

  void onStart(@Observes StartupEvent ev) {
    LOG.infof("audit data is kept for %d day(s)", retention.toDays());
    if (enabled) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public Duration retention() {
    return retention;
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    purge().subscribe().with(p -> running.set(false), e -> {
      LOG.warnf(e, "audit retention: a purge failed; the next round tries again");
      running.set(false);
    });
  }

  /** Purges the audit data older than the retention now, batch by batch; returns how many rows went. */
  public Uni<Purged> purge() {
    OffsetDateTime cutoff = OffsetDateTime.now().minus(retention);
    return drain(store::purgeRecordTrail, cutoff, 0, 0)
        .chain(trail -> drain(store::purgeSecurityLog, cutoff, 0, 0).map(log -> new Purged(trail, log)))
        .invoke(p -> {
          if (p.recordTrail() + p.securityLog() > 0) {
            LOG.infof("audit retention: purged %d record change(s) and %d security event(s) older than %s",
                p.recordTrail(), p.securityLog(), cutoff);
          }
        });
  }

  private Uni<Integer> drain(BatchDelete delete, OffsetDateTime cutoff, int total, int batches) {
    return tx.inTransaction(t -> delete.delete(t, cutoff, batch)).chain(n -> n < batch || batches + 1 >= MAX_BATCHES
        ? Uni.createFrom().item(total + n) : drain(delete, cutoff, total + n, batches + 1));
  }
}
