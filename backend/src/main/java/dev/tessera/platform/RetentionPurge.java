package dev.tessera.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The mechanism of every retention (the audit data's, the outbox's): a round every interval on each node
 * (never two at once on one node), and a drain that deletes rows older than a cutoff in batches of at most
 * {@code batch}, each its own short transaction whose rows the store's SQL takes {@code FOR UPDATE SKIP
 * LOCKED}, so a purge never holds long locks and several nodes purging at once share the rows instead of
 * waiting or deleting twice. At most {@link #MAX_BATCHES} batches a drain; the rest waits for the next round.
 */
public final class RetentionPurge {
  private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
  private static final Pattern DAYS = Pattern.compile("^\\s*(\\d{1,6})\\s*$");
  /** Most batches one drain deletes. */
  public static final int MAX_BATCHES = 1000;

  /** Deletes at most {@code limit} rows older than {@code cutoff}; how many went. */
  @FunctionalInterface
  public interface BatchDelete {
    Uni<Integer> delete(Tx tx, OffsetDateTime cutoff, int limit);
  }

  private final String name;
  private final TxRunner tx;
  private final Duration retention;
  private final Settings settings;
  private final Periodic rounds;

  /** How a retention's purge runs: whether on this node, how often, at most how many rows a transaction. */
  public record Settings(boolean enabled, Duration interval, int batch) {
    public Settings {
      batch = Math.max(1, batch);
    }
  }

  /** Deletes what is older than {@code retention}; {@code round}: one purge, run every interval once {@link #start started}. */
  public RetentionPurge(String name, Vertx vertx, TxRunner tx, Duration retention, Settings settings, Supplier<Uni<?>> round) {
    this.name = name;
    this.tx = tx;
    this.retention = retention;
    this.settings = settings;
    this.rounds = new Periodic(vertx, settings.interval(), round, name + " purge");
  }

  /**
   * A retention as configured in {@code setting}: a whole number of days ({@code 180}) or an ISO-8601
   * duration ({@code P180D}, {@code PT4320H}); refused below one day.
   */
  public static Duration parse(String setting, String value, int defaultDays) {
    String v = value == null ? "" : value.trim();
    Duration d;
    var days = DAYS.matcher(v);
    try {
      d = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(setting + " must be a number of days (e.g. " + defaultDays + ") or an ISO-8601"
          + " duration (e.g. P" + defaultDays + "D), not \"" + value + "\"", e);
    }
    if (d.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(setting + " must be at least one day (P1D); \"" + value
          + "\" would purge data younger than a day. The default is " + defaultDays + " days.");
    }
    return d;
  }

  public Duration retention() {
    return retention;
  }

  /** Starts the rounds, when enabled on this node. */
  public void start() {
    LOG.infof("%s: data is kept for %d day(s)", name, retention.toDays());
    if (settings.enabled()) {
      rounds.start();
    }
  }

  public void stop() {
    rounds.stop();
  }

  /**
   * Deletes what each of {@code deletes} finds older than the retention, one after the other, batch by batch;
   * how many rows each deleted (logged when any went).
   */
  public Uni<List<Integer>> drain(List<BatchDelete> deletes) {
    OffsetDateTime cutoff = OffsetDateTime.now().minus(retention);
    return Sequence.map(deletes, d -> drain(d, cutoff, 0, 0)).invoke(counts -> {
      if (counts.stream().mapToInt(Integer::intValue).sum() > 0) {
        LOG.infof("%s: purged %s row(s) older than %s", name, counts, cutoff);
      }
    });
  }

  private Uni<Integer> drain(BatchDelete delete, OffsetDateTime cutoff, int total, int batches) {
    return tx.inTransaction(t -> delete.delete(t, cutoff, settings.batch())).chain(n -> n < settings.batch() || batches + 1 >= MAX_BATCHES
        ? Uni.createFrom().item(total + n) : drain(delete, cutoff, total + n, batches + 1));
  }
}
