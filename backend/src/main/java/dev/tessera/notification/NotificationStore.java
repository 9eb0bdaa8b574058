package dev.tessera.notification;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;

/**
 * Persistence port of the inbox. Writers add notifications in the transaction of what caused them, so
 * a rolled-back write notifies nobody; readers only ever see their own.
 */
public interface NotificationStore {
  /** The PostgreSQL notification channel on which each committed notification is announced as {@code id:recipient}. */
  String CHANNEL = "tessera_inbox";

  Uni<Void> add(Tx tx, List<Notification> notifications);

  /** The recipient's notifications, newest first (at most {@code limit}). */
  Uni<List<Notification>> list(Tx tx, String recipient, boolean unreadOnly, int limit);

  /** One notification, or null when there is none of that id. */
  Uni<Notification> byId(Tx tx, long id);

  /** Marks those of {@code ids} that belong to the recipient as read; how many were unread. */
  Uni<Integer> markRead(Tx tx, String recipient, Collection<Long> ids);
}
