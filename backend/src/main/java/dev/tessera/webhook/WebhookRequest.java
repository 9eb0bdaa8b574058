package dev.tessera.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synchronous webhook call: POST {@code body} (any JSON value: a map, a list, text, a number) as JSON to
 * {@code url}, signed with the stored secret named {@code secret} (null: unsigned), with extra
 * {@code headers}; {@code idempotencyKey} is the caller's (a flow: {@code flow:<instance>:<node>:<visit>}).
 */
public record WebhookRequest(String idempotencyKey, String url, Map<String, String> headers, String secret, Object body) {
  public WebhookRequest {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("a webhook call needs an idempotency key");
    }
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
