package dev.tessera.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message already rendered by its sender (a flow, a rule), to deliver once per {@code idempotencyKey}.
 * {@code recipient}: a user name ({@code IN_APP}), an email address, a phone number, a WeCom/DingTalk user
 * or robot, or a webhook URL. {@code data}: structured extras a channel may use: for {@code IN_APP}
 * {@code kind}, {@code entity}, {@code recordId} and the English texts {@code subjectEn}/{@code bodyEn}
 * (subject and body being zh-CN); for {@code WEBHOOK} {@code secret} (the name of a stored signing secret)
 * and {@code headers} (a map of extra headers), the JSON to post being {@code body}.
 */
public record OutboundMessage(String idempotencyKey, Channel channel, String recipient, String subject, String body,
    Map<String, Object> data) {
  /** Longest idempotency key accepted. */
  public static final int MAX_KEY = 500;

  public OutboundMessage {
    Objects.requireNonNull(channel, "channel");
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
      throw new IllegalArgumentException("an outbound message needs an idempotency key of 1 to " + MAX_KEY + " characters");
    }
    if (recipient == null || recipient.isBlank()) {
      throw new IllegalArgumentException("an outbound message needs a recipient");
    }
    data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A text of {@code data}, or null. */
  public String text(String key) {
    Object v = data.get(key);
    return v == null ? null : v.toString();
  }
}
