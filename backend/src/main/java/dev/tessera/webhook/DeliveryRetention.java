package dev.tessera.webhook;

import dev.tessera.outbox.OutboxStore;
import dev.tessera.platform.RetentionPurge;
import dev.tessera.platform.Retentions;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps outbox messages once sent or given up, and outgoing webhook deliveries with their attempts, for
 * {@code tessera.outbox.retention} (default 30 days) and purges what is older every
 * {@code tessera.outbox.purge.interval}, in batches (see {@link RetentionPurge}). Pending messages and the
 * deliveries they retry stay whatever their age. A synchronous call's recorded answer goes with its
 * delivery: a flow step is retried within hours, never after the retention.
 */
@ApplicationScoped
public class DeliveryRetention implements Retentions.Retention {
  static final String SETTING = "tessera.outbox.retention";
  static final int DEFAULT_DAYS = 30;

  /** What a purge deleted. */
  public record Purged(int deliveries, int messages) {}

  private final OutboxStore outbox;
  private final WebhookDeliveryStore deliveries;
  private final RetentionPurge purges;

  public DeliveryRetention(OutboxStore outbox, WebhookDeliveryStore deliveries, TxRunner tx, Vertx vertx,
      @ConfigProperty(name = SETTING, defaultValue = "30") String retention,
      @ConfigProperty(name = "tessera.outbox.purge.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.outbox.purge.interval", defaultValue = "PT1H") Duration interval,
      @ConfigProperty(name = "tessera.outbox.purge.batch", defaultValue = "1000") int batch) {
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.purges = new RetentionPurge("outbox retention", vertx, tx, RetentionPurge.parse(SETTING, retention, DEFAULT_DAYS),
        new RetentionPurge.Settings(enabled, interval, batch), this::purge);
  }

  @Override
  public RetentionPurge purges() {
    return purges;
  }

  /** Purges the deliveries, then the messages, finished before the retention; how many rows went. */
  public Uni<Purged> purge() {
    return purges.drain(List.of(deliveries::purgeFinished, outbox::purgeDone)).map(n -> new Purged(n.get(0), n.get(1)));
  }
}
