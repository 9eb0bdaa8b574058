package dev.tessera.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.outbox.SendFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Synchronous webhook calls, for a flow's {@code callWebhook} node: one signed attempt, recorded as a
 * delivery like every webhook. The answer comes back for any 2xx or non-retryable status (4xx but 408
 * and 429); a timeout, a refused connection, 5xx, 408 or 429 fail with a retryable {@link SendFailure}
 * (the caller's retry policy decides). Once a call of a key succeeded, calling again with that key
 * answers what was recorded, without calling.
 */
@ApplicationScoped
public class WebhookCaller {
  private static final ObjectMapper JSON = MetamodelJson.mapper();
  private final WebhookTransport transport;

  public WebhookCaller(WebhookTransport transport) {
    this.transport = transport;
  }

  public Uni<WebhookResponse> call(WebhookRequest r) {
    String body;
    try {
      body = r.sendsBody() ? JSON.writeValueAsString(r.body()) : "";
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new SendFailure("the body is not JSON: " + e.getOriginalMessage(), false));
    }
    return transport.attempt(r.idempotencyKey(), r.method(), r.url(), body, r.secret(), r.headers(), null, true).map(o -> {
      if (o.failure() != null && (o.failure().retryable() || o.status() == null)) {
        throw o.failure();
      }
      return new WebhookResponse(o.status(), parse(o.body()));
    });
  }

  /** The body as JSON values; the text itself when it is not JSON; null when empty. */
  static Object parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      return body;
    }
  }
}
