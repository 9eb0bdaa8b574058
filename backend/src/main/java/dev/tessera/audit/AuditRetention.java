package dev.tessera.audit;

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
 * Keeps the audit data for {@code tessera.audit.retention} (default 180 days: China's Cybersecurity Law asks
 * for six months of logs) and purges what is older, the record trail and the security log alike, every
 * {@code tessera.audit.purge.interval}, in batches of at most {@code tessera.audit.purge.batch} rows (see
 * {@link RetentionPurge}). A retention under one day stops the start.
 */
@ApplicationScoped
public class AuditRetention implements Retentions.Retention {
  static final String SETTING = "tessera.audit.retention";
  static final int DEFAULT_DAYS = 180;

  /** What a purge deleted. */
  public record Purged(int recordTrail, int securityLog) {}

  private final AuditLogStore store;
  private final RetentionPurge purges;

  public AuditRetention(AuditLogStore store, TxRunner tx, Vertx vertx,
      @ConfigProperty(name = SETTING, defaultValue = "180") String retention,
      @ConfigProperty(name = "tessera.audit.purge.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.audit.purge.interval", defaultValue = "PT1H") Duration interval,
      @ConfigProperty(name = "tessera.audit.purge.batch", defaultValue = "1000") int batch) {
    this.store = store;
    this.purges = new RetentionPurge("audit retention", vertx, tx, parse(retention),
        new RetentionPurge.Settings(enabled, interval, batch), this::purge);
  }

  /** A retention as {@code tessera.audit.retention} takes it (see {@link RetentionPurge#parse}). */
  public static Duration parse(String value) {
    return RetentionPurge.parse(SETTING, value, DEFAULT_DAYS);
  }

  @Override
  public RetentionPurge purges() {
    return purges;
  }

  /** Purges the record trail and the security log older than the retention now, batch by batch; how many rows went. */
  public Uni<Purged> purge() {
    return purges.drain(List.of(store::purgeRecordTrail, store::purgeSecurityLog)).map(n -> new Purged(n.get(0), n.get(1)));
  }
}
