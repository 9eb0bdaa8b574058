package dev.tessera.storage;

import dev.tessera.outbox.OutboxSignals;
import dev.tessera.outbox.OutboxStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** PostgreSQL {@code LISTEN} on the outbox channel over a connection of its own, reconnecting after a failure. */
@ApplicationScoped
public class PgOutboxSignals implements OutboxSignals {
  private static final Logger LOG = Logger.getLogger(PgOutboxSignals.class);
  private static final long RETRY_MS = 1000;
  private final Vertx vertx;
  private PgSubscriber subscriber;
  private boolean stopped;

  public PgOutboxSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public synchronized void listen(Runnable wake) {
    if (subscriber != null || stopped) {
      return;
    }
    PgSubscriber s = PgSubscriber.subscriber(vertx, PgAnnouncements.options()).reconnectPolicy(retries -> RETRY_MS);
    s.channel(OutboxStore.CHANNEL).handler(p -> wake.run());
    subscriber = s;
    s.connect().onFailure(e -> {
      LOG.debugf("Cannot listen for outbox messages yet (%s); retrying", e.getMessage());
      synchronized (this) {
        subscriber = null;
      }
      s.close();
      vertx.setTimer(RETRY_MS, t -> listen(wake));
    });
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    if (subscriber != null) {
      subscriber.close();
    }
  }
}
