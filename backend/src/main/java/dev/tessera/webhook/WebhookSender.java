package dev.tessera.webhook;

import dev.tessera.outbox.Channel;
import dev.tessera.outbox.MessageSender;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.OutboxEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Delivers {@code WEBHOOK} outbox messages: POSTs the message's body (JSON text; {@code {}} when empty)
 * to the recipient URL, signed with the secret {@code data.secret} names, with {@code data.headers}; every
 * attempt is recorded on the delivery of the message's idempotency key. The outbox retries 5xx, 408, 429
 * and timeouts with backoff; any other answer fails the message.
 */
@ApplicationScoped
public class WebhookSender implements MessageSender {
  public static final String NAME = "webhook";
  private final WebhookTransport transport;

  public WebhookSender(WebhookTransport transport) {
    this.transport = transport;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.WEBHOOK);
  }

  @Override
  public Uni<Void> send(OutboxEntry entry) {
    OutboundMessage m = entry.message();
    String body = m.body() == null || m.body().isBlank() ? "{}" : m.body();
    return transport.attempt(m.idempotencyKey(), "POST", m.recipient(), body, m.text("secret"), headers(m), entry.id(), false)
        .invoke(o -> {
          if (o.failure() != null) {
            throw o.failure();
          }
        }).replaceWithVoid();
  }

  private static Map<String, String> headers(OutboundMessage m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m.data().get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
