package dev.tessera.webhook;

import dev.tessera.identity.Principal;
import dev.tessera.outbox.OutboxStore;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What administrators see and do with outgoing webhook deliveries: list them with their attempts, redeliver one. */
@ApplicationScoped
public class WebhookDeliveries {
  public static final int MAX_LIMIT = 100;
  static final Set<String> STATUSES = Set.of("succeeded", "retrying", "failed");
  private final WebhookDeliveryStore store;
  private final OutboxStore outbox;
  private final TxRunner tx;
  private final SecretService admins;

  public WebhookDeliveries(WebhookDeliveryStore store, OutboxStore outbox, TxRunner tx, SecretService admins) {
    this.store = store;
    this.outbox = outbox;
    this.tx = tx;
    this.admins = admins;
  }

  public Uni<List<WebhookDelivery>> list(Principal caller, String status, int limit) {
    admins.requireAdmin(caller);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw RequestMessages.pageSize(MAX_LIMIT);
    }
    if (status != null && !STATUSES.contains(status)) {
      throw WebhookMessages.refused(ErrorCode.VALIDATION_FAILED, "DELIVERY_STATUS", Map.of("status", status), "status");
    }
    return tx.withConnection(t -> store.list(t, status, limit));
  }

  /**
   * Sends a delivery again through the outbox, its attempts counted anew (the same idempotency key and
   * delivery id, so a receiver that saw it deduplicates). Synchronous calls belong to their flow and are
   * retried there.
   */
  public Uni<Boolean> redeliver(Principal caller, UUID id) {
    admins.requireAdmin(caller);
    return tx.inTransaction(t -> store.byId(t, id).chain(d -> {
      if (d == null) {
        throw WebhookMessages.refused(ErrorCode.NOT_FOUND, "NO_DELIVERY", Map.of("id", id), "id");
      }
      if (d.outboxId() == null) {
        throw WebhookMessages.refused(ErrorCode.VALIDATION_FAILED, "SYNC_NOT_REDELIVERED", Map.of("id", id), "id");
      }
      return outbox.resend(t, d.outboxId()).call(ok -> ok ? store.status(t, id, "retrying") : Uni.createFrom().voidItem());
    }));
  }
}
