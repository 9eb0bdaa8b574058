package dev.tessera.storage;

import dev.tessera.notification.Announcements;
import dev.tessera.notification.NotificationStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * PostgreSQL {@code LISTEN} on the inbox channel over one connection of its own (a pooled connection
 * cannot listen), opened with the first listener and reopened after a failure.
 */
@ApplicationScoped
public class PgAnnouncements implements Announcements {
  private static final Logger LOG = Logger.getLogger(PgAnnouncements.class);
  private static final long RETRY_MS = 1000;
  private final Vertx vertx;
  private PgSubscriber subscriber;
  private Consumer<String> payloads;
  private boolean stopped;

  public PgAnnouncements(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public synchronized void listen(Consumer<String> payloads) {
    this.payloads = payloads;
    if (subscriber != null || stopped) {
      return;
    }
    PgSubscriber s = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> RETRY_MS);
    s.channel(NotificationStore.CHANNEL).handler(p -> this.payloads.accept(p));
    subscriber = s;
    s.connect().onFailure(e -> {
      LOG.warnf("Cannot listen for notifications yet (%s); retrying", e.getMessage());
      synchronized (this) {
        subscriber = null;
      }
      s.close();
      vertx.setTimer(RETRY_MS, t -> listen(payloads));
    });
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    if (subscriber != null) {
      subscriber.close();
    }
  }

  /** The reactive pool's database and credentials (the URL's own credentials win over the separate settings). */
  static PgConnectOptions options() {
    var config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.reactive.url", String.class).trim();
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    if (java.net.URI.create(url).getRawUserInfo() == null) {
      config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(o::setUser);
      config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(o::setPassword);
    }
    return o;
  }
}
