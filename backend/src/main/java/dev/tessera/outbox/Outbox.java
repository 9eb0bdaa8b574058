package dev.tessera.outbox;

import dev.tessera.notification.Notification;
import dev.tessera.notification.NotificationStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The port through which engines send messages: {@link #enqueue} inside the caller's transaction, so a
 * rolled-back step sends nothing, once per idempotency key. In-app messages land in the inbox in that
 * transaction; the others are delivered after commit by the {@link OutboxWorker}, at least once, and
 * never again once marked sent.
 */
@ApplicationScoped
public class Outbox {
  private final OutboxStore store;
  private final NotificationStore inbox;

  public Outbox(OutboxStore store, NotificationStore inbox) {
    this.store = store;
    this.inbox = inbox;
  }

  /** Queues {@code m} in {@code tx}; true when it is new, false when its key was enqueued before (nothing changes). */
  public Uni<Boolean> enqueue(Tx tx, OutboundMessage m) {
    boolean inApp = m.channel() == Channel.IN_APP;
    return store.add(tx, m, inApp).call(fresh -> fresh && inApp ? inbox.add(tx, List.of(notification(m)))
        : Uni.createFrom().voidItem());
  }

  private static Notification notification(OutboundMessage m) {
    String subject = m.subject() == null ? "" : m.subject();
    String body = m.body() == null ? "" : m.body();
    String subjectEn = m.text("subjectEn");
    String bodyEn = m.text("bodyEn");
    String recordId = m.text("recordId");
    String kind = m.text("kind");
    return Notification.of(m.recipient(), kind == null ? "message" : kind, subject, subjectEn == null ? subject : subjectEn,
        body, bodyEn == null ? body : bodyEn, m.text("entity"), recordId == null ? null : UUID.fromString(recordId));
  }
}
