package dev.tessera.webhook;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Persistence port of outgoing webhook deliveries; see storage. */
public interface WebhookDeliveryStore {
  /** The delivery of this key, created (with a new id) when there is none. */
  Uni<WebhookDelivery> open(Tx tx, String idempotencyKey, String url, Long outboxId);

  /** Records an attempt and the delivery's new status (and, when given, the answer to keep). */
  Uni<Void> attempted(Tx tx, UUID delivery, WebhookDelivery.Attempt attempt, String status, String responseBody);

  /** The newest deliveries, of a status when given, each with its attempts. */
  Uni<List<WebhookDelivery>> list(Tx tx, String status, int limit);

  Uni<WebhookDelivery> byId(Tx tx, UUID id);

  Uni<Void> status(Tx tx, UUID id, String status);

  /**
   * Deletes at most {@code limit} deliveries (their attempts with them) last touched before {@code cutoff},
   * except those whose outbox message is still pending, skipping rows another node holds; how many went.
   */
  Uni<Integer> purgeFinished(Tx tx, java.time.OffsetDateTime cutoff, int limit);
}
