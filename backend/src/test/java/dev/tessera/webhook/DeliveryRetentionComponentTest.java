package dev.tessera.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox retention on the real database: messages sent or given up longer ago than the retention go,
 * and the webhook deliveries (with their attempts) finished as long ago; pending messages and the
 * deliveries they still retry stay whatever their age, and so does everything recent.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeliveryRetentionComponentTest {
  @Inject
  Pool pool;
  @Inject
  DeliveryRetention retention;

  @Test
  void oldFinishedMessagesAndDeliveriesGoPendingAndRecentOnesStay() {
    assertEquals(Duration.ofDays(30), retention.purges().retention(), "the default: 30 days");
    String run = "purge-" + UUID.randomUUID() + ":";
    long oldSent = message(run + "oldSent", "sent", "40 days");
    long oldFailed = message(run + "oldFailed", "failed", "40 days");
    long oldPending = message(run + "oldPending", "pending", "40 days");
    message(run + "recentSent", "sent", "29 days");
    message(run + "recentFailed", "failed", "1 day");
    UUID syncOld = delivery(run + "syncOld", null, "succeeded", "40 days");
    delivery(run + "syncRecent", null, "succeeded", "29 days");
    delivery(run + "ofOldSent", oldSent, "succeeded", "40 days");
    delivery(run + "ofOldFailed", oldFailed, "retrying", "40 days");
    delivery(run + "ofOldPending", oldPending, "retrying", "40 days");
    pool.preparedQuery("INSERT INTO tessera_webhook_attempt (delivery_id, attempt, status_code, duration_ms) VALUES ($1, 1, 200, 5)")
        .execute(Tuple.of(syncOld)).await().atMost(Duration.ofSeconds(30));

    DeliveryRetention.Purged p = retention.purge().await().atMost(Duration.ofMinutes(1));

    assertEquals(List.of(run + "oldPending", run + "recentFailed", run + "recentSent"),
        keys("SELECT idempotency_key FROM tessera_outbox WHERE idempotency_key LIKE $1 ORDER BY 1", run));
    assertEquals(List.of(run + "ofOldPending", run + "syncRecent"),
        keys("SELECT idempotency_key FROM tessera_webhook_delivery WHERE idempotency_key LIKE $1 ORDER BY 1", run));
    assertEquals(List.of(), keys("SELECT delivery_id::text FROM tessera_webhook_attempt WHERE delivery_id::text LIKE $1",
        syncOld.toString()), "the attempts went with their delivery");
    // other tests' rows may be as old: at least these went
    assertTrue(p.messages() >= 2 && p.deliveries() >= 3, p.toString());
  }

  private long message(String key, String state, String age) {
    return pool.preparedQuery("""
        INSERT INTO tessera_outbox (idempotency_key, channel, recipient, state, due_at, created_at, sent_at)
        VALUES ($1, 'SMS', '13800000000', $2, now() - $3::text::interval, now() - $3::text::interval,
          CASE WHEN $2 = 'sent' THEN now() - $3::text::interval END) RETURNING id""")
        .execute(Tuple.of(key, state, age)).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
  }

  private UUID delivery(String key, Long outboxId, String status, String age) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("""
        INSERT INTO tessera_webhook_delivery (id, idempotency_key, outbox_id, url, status, created_at, updated_at)
        VALUES ($1, $2, $3, 'http://127.0.0.1:9/hook', $4, now() - $5::text::interval, now() - $5::text::interval)""")
        .execute(Tuple.of(id, key, outboxId, status, age)).await().atMost(Duration.ofSeconds(30));
    return id;
  }

  private List<String> keys(String sql, String prefix) {
    List<String> out = new ArrayList<>();
    for (Row r : pool.preparedQuery(sql).execute(Tuple.of(prefix + "%")).await().atMost(Duration.ofSeconds(30))) {
      out.add(r.getString(0));
    }
    return out;
  }
}
