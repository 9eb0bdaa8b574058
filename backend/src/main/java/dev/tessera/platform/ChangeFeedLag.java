package dev.tessera.platform;

import java.util.Set;

/**
 * How far each change-feed subscriber (flows, audit, webhooks, caches) is behind the feed, as the
 * dispatcher knows it. Implement it as a CDI bean and the metrics endpoint reports it per subscriber
 * ({@code tessera_changefeed_pending_changes}, {@code tessera_changefeed_lag_seconds}); call
 * {@link ChangeFeedLagGauges#refresh()} when the set of subscribers changes at run time.
 *
 * <p>Every Prometheus scrape reads these methods on the scraping thread, so answer from memory (the
 * dispatcher updates its figures after each batch), never with a query.
 */
public interface ChangeFeedLag {
  /** The subscribers to report now; each gets one series per gauge. */
  Set<String> subscribers();

  /** Changes committed to the feed and not yet delivered to the subscriber (0 when caught up). */
  long pendingChanges(String subscriber);

  /** Seconds since the oldest change not yet delivered to the subscriber was committed (0 when caught up). */
  double lagSeconds(String subscriber);
}
