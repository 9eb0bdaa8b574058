package dev.tessera.notification;

import java.util.function.Consumer;

/**
 * Port to the database's announcements of committed notifications ({@code id:recipient} on
 * {@link NotificationStore#CHANNEL}): {@link #listen} starts receiving them on this node (idempotent,
 * reconnecting by itself), {@link #stop} ends it.
 */
public interface Announcements {
  void listen(Consumer<String> payloads);

  /** Starts receiving what is announced on another channel (the flow engine's, published metadata). */
  void listen(String channel, Consumer<String> payloads);

  void stop();
}
