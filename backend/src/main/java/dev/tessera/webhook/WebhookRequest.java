package dev.tessera.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synchronous webhook call: {@code method} (POST, PUT or PATCH send {@code body}, any JSON value: a map,
 * a list, text, a number, as JSON; GET and DELETE send none) to {@code url}, signed with the stored secret
 * named {@code secret} (null: unsigned), with extra {@code headers}; {@code idempotencyKey} is the
 * caller's (a flow: {@code flow:<instance>:<node>:<visit>}).
 */
public record WebhookRequest(String idempotencyKey, String method, String url, Map<String, String> headers, String secret,
    Object body) {
  /** The methods a call may use. */
  public static final java.util.Set<String> METHODS = java.util.Set.of("POST", "PUT", "PATCH", "GET", "DELETE");

  public WebhookRequest {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("a webhook call needs an idempotency key");
    }
    method = method == null ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("a webhook call's method is one of " + METHODS + ", not " + method);
    }
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A POST. */
  public WebhookRequest(String idempotencyKey, String url, Map<String, String> headers, String secret, Object body) {
    this(idempotencyKey, "POST", url, headers, secret, body);
  }

  /** Whether the method carries the body. */
  public boolean sendsBody() {
    return !method.equals("GET") && !method.equals("DELETE");
  }
}
