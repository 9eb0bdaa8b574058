package dev.tessera.notification;

import dev.tessera.platform.Announcements;
import dev.tessera.platform.TxRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The live end of the inbox on this node, for the {@code notificationReceived} subscription. A
 * notification is announced by the database when the transaction that wrote it commits, on whichever
 * node ({@link Announcements}); this node loads it only when one of its sockets listens for that
 * recipient. What was announced while the listening connection was down is in the inbox.
 */
@ApplicationScoped
public class InboxTail {
  private static final Logger LOG = Logger.getLogger(InboxTail.class);
  private final NotificationStore store;
  private final TxRunner tx;
  private final Announcements announcements;
  private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();
  private final Map<String, AtomicInteger> listeners = new ConcurrentHashMap<>();

  public InboxTail(NotificationStore store, TxRunner tx, Announcements announcements) {
    this.store = store;
    this.tx = tx;
    this.announcements = announcements;
  }

  /** The recipient's notifications from now on, as they commit. */
  public Multi<Notification> live(String recipient) {
    return processor.onSubscription().invoke(s -> {
      listeners.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
      announcements.listen(this::announced);
    }).onTermination().invoke(() -> listeners.computeIfPresent(recipient, (r, n) -> n.decrementAndGet() <= 0 ? null : n))
        .filter(n -> n.recipient().equals(recipient));
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

  void onStop(@Observes ShutdownEvent ev) {
    announcements.stop();
  }
}
