package dev.tessera.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One outgoing webhook delivery and its attempts. {@code status}: {@code succeeded}, {@code retrying}
 * (the outbox tries again), or {@code failed}; {@code outboxId} is null for synchronous calls.
 */
public record WebhookDelivery(UUID id, String idempotencyKey, Long outboxId, String url, String status, int attemptCount,
    Integer lastStatusCode, String responseBody, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Attempt> attempts) {
  public WebhookDelivery {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  public WebhookDelivery withAttempts(List<Attempt> list) {
    return new WebhookDelivery(id, idempotencyKey, outboxId, url, status, attemptCount, lastStatusCode, responseBody,
        createdAt, updatedAt, list);
  }

  /** One attempt: the HTTP status (null when none came back), how long it took, the error, the answer's start. */
  public record Attempt(int attempt, Integer statusCode, int durationMs, String error, String responseExcerpt,
      OffsetDateTime at) {}
}
