package dev.tessera.notification;

import dev.tessera.platform.Actor;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** A user's inbox: only ever the caller's own notifications. */
@ApplicationScoped
public class Inbox {
  private final NotificationStore store;
  private final TxRunner tx;

  public Inbox(NotificationStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /** The caller's notifications, newest first. */
  public Uni<List<Notification>> list(Actor actor, boolean unreadOnly, int limit) {
    return tx.withConnection(t -> store.list(t, actor.userId(), unreadOnly, limit));
  }

  /** Marks the caller's notifications of these ids read (others' are left alone); how many were unread. */
  public Uni<Integer> markRead(Actor actor, Collection<Long> ids) {
    return tx.inTransaction(t -> store.markRead(t, actor.userId(), ids));
  }
}
