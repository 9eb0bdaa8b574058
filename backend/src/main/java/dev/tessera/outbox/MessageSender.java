package dev.tessera.outbox;

import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Sends one outbound message over a channel. Implementations are beans chosen per channel by
 * configuration ({@code tessera.outbox.sender.<channel>=<name>}, see {@link Senders}), so a real SMS or
 * WeCom provider plugs in beside the logging sender. A send fails with {@link SendFailure}; any other
 * failure counts as retryable. Implementations never log credentials or whole recipients.
 */
public interface MessageSender {
  /** The name configuration selects this sender by, e.g. {@code log}, {@code smtp}, {@code webhook}. */
  String name();

  Set<Channel> channels();

  /** Sends {@code entry}'s message; {@code entry.attempts()} attempts were made before this one. */
  Uni<Void> send(OutboxEntry entry);
}
