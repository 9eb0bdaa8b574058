package dev.tessera.notification;

import dev.tessera.platform.TxRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The live end of the inbox on this node, for the {@code notificationReceived} subscription. A
 * notification is announced by PostgreSQL ({@code LISTEN/NOTIFY} on {@link NotificationStore#CHANNEL})
 * when the transaction that wrote it commits, on whichever node; this node loads it only when one of
 * its sockets listens for that recipient. The listening connection is opened with the first listener
 * and reconnects by itself; what was announced while it was down is in the inbox ({@code notifications}).
 */
@ApplicationScoped
public class InboxTail {
  private static final Logger LOG = Logger.getLogger(InboxTail.class);
  private static final long RETRY_MS = 1000;
  private final NotificationStore store;
  private final TxRunner tx;
  private final Vertx vertx;
  private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();
  private final Map<String, AtomicInteger> listeners = new ConcurrentHashMap<>();
  private PgSubscriber subscriber;
  private volatile boolean stopped;

  public InboxTail(NotificationStore store, TxRunner tx, Vertx vertx) {
    this.store = store;
    this.tx = tx;
    this.vertx = vertx;
  }

  /** The recipient's notifications from now on, as they commit. */
  public Multi<Notification> live(String recipient) {
    return processor.onSubscription().invoke(s -> {
      listeners.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
      listen();
    }).onTermination().invoke(() -> listeners.computeIfPresent(recipient, (r, n) -> n.decrementAndGet() <= 0 ? null : n))
        .filter(n -> n.recipient().equals(recipient));
  }

  private synchronized void listen() {
    if (subscriber != null || stopped) {
      return;
    }
    PgSubscriber s = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(retries -> RETRY_MS);
    s.channel(NotificationStore.CHANNEL).handler(this::announced);
    subscriber = s;
    s.connect().onFailure(e -> {
      LOG.warnf("Cannot listen for notifications yet (%s); retrying", e.getMessage());
      synchronized (this) {
        subscriber = null;
      }
      s.close();
      vertx.setTimer(RETRY_MS, t -> {
        if (!listeners.isEmpty()) {
          listen();
        }
      });
    });
  }

  private void announced(String payload) {
    int colon = payload.indexOf(':');
    if (colon < 0 || !listeners.containsKey(payload.substring(colon + 1))) {
      return;
    }
    long id;
    try {
      id = Long.parseLong(payload.substring(0, colon));
    } catch (NumberFormatException e) {
      return;
    }
    tx.withConnection(t -> store.byId(t, id)).subscribe().with(n -> {
      if (n != null) {
        synchronized (processor) {
          processor.onNext(n);
        }
      }
    }, e -> LOG.warnf("Notification %d could not be read for its live listeners: %s", id, e.getMessage()));
  }

  /** The reactive pool's database and credentials (the URL's own credentials win over the separate settings). */
  private static PgConnectOptions options() {
    var config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.reactive.url", String.class).trim();
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    if (java.net.URI.create(url).getRawUserInfo() == null) {
      config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(o::setUser);
      config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(o::setPassword);
    }
    return o;
  }

  void onStop(@Observes ShutdownEvent ev) {
    synchronized (this) {
      stopped = true;
      if (subscriber != null) {
        subscriber.close();
      }
    }
  }
}
