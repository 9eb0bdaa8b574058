package dev.tessera.platform;

import java.util.function.Consumer;

/**
 * Port to the database's announcements (PostgreSQL NOTIFY, delivered to every node at commit): the
 * inbox's committed notifications ({@code id:recipient}, {@link #listen(Consumer)}), the flow engine's new
 * ready tokens and published metadata versions on their own channels. Listening is idempotent and
 * reconnects by itself; {@link #stop} ends it.
 */
public interface Announcements {
  /** Receives the inbox's announcements. */
  void listen(Consumer<String> payloads);

  /** Starts receiving what is announced on another channel (the flow engine's, published metadata). */
  void listen(String channel, Consumer<String> payloads);

  void stop();
}
