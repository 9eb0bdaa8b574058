package dev.tessera.outbox;

/**
 * Port to the database's announcements of committed outbox messages ({@link OutboxStore#CHANNEL}):
 * {@link #listen} wakes the worker on this node when any node enqueues; {@link #stop} ends it.
 */
public interface OutboxSignals {
  void listen(Runnable wake);

  void stop();
}
