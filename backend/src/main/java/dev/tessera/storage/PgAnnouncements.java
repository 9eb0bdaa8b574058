package dev.tessera.storage;

import dev.tessera.platform.Announcements;
import dev.tessera.notification.NotificationStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * PostgreSQL {@code LISTEN} on the platform's channels (the inbox, the flow engine's tokens, published
 * metadata) over one connection of its own (a pooled connection cannot listen), opened with the first
 * listener and reopened after a failure. Each channel has at most one consumer on this node.
 */
@ApplicationScoped
public class PgAnnouncements implements Announcements {
  private static final Logger LOG = Logger.getLogger(PgAnnouncements.class);
  private static final long RETRY_MS = 1000;
  private final Vertx vertx;
  private final Map<String, Consumer<String>> consumers = new ConcurrentHashMap<>();
  private PgSubscriber subscriber;
  private boolean stopped;

  public PgAnnouncements(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void listen(Consumer<String> payloads) {
    listen(NotificationStore.CHANNEL, payloads);
  }

  /** Starts delivering the payloads announced on {@code channel} to {@code payloads} (replacing an earlier consumer). */
  @Override
  public synchronized void listen(String channel, Consumer<String> payloads) {
    boolean known = consumers.containsKey(channel);
    consumers.put(channel, payloads);
    if (stopped) {
      return;
    }
    if (subscriber != null) {
      if (!known) {
        subscriber.channel(channel).handler(p -> consumers.get(channel).accept(p));
      }
      return;
    }
    PgSubscriber s = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> RETRY_MS);
    consumers.keySet().forEach(c -> s.channel(c).handler(p -> consumers.get(c).accept(p)));
    subscriber = s;
    s.connect().onFailure(e -> {
      LOG.warnf("Cannot listen for announcements yet (%s); retrying", e.getMessage());
      synchronized (this) {
        subscriber = null;
      }
      s.close();
      vertx.setTimer(RETRY_MS, t -> listen(channel, consumers.get(channel)));
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
