package dev.tessera.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.TxRunner;
import dev.tessera.support.Race;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit retention against the real database: rows older than the window go, younger ones stay, in the
 * record trail and the security log alike; two nodes purging at once (two runners on real threads, small
 * batches so they meet) delete each old row once between them, and neither fails.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AuditRetentionComponentTest {
  static final int OLD = 3000;
  static final int YOUNG = 50;

  @Inject
  AuditLogStore store;
  @Inject
  TxRunner tx;
  @Inject
  Vertx vertx;
  @Inject
  Pool pool;
  @Inject
  AuditRetention retention;

  @Test
  void twoNodesPurgingAtOnceDeleteEachOldRowOnceAndKeepTheYoungOnes() throws Exception {
    String actor = "purge-probe-" + System.nanoTime();
    long base = 9_000_000_000_000_000L + (System.nanoTime() % 1_000_000_000L) * 10_000;
    seed(actor, base, OLD, "200 days", 0);
    seed(actor, base, YOUNG, "179 days", OLD);
    assertEquals(Duration.ofDays(180), retention.purges().retention(), "the default: 180 days");
    long oldTrail = count("SELECT count(*) FROM tessera_audit WHERE committed_at < now() - interval '180 days'");
    long oldLog = count("SELECT count(*) FROM tessera_security_log WHERE at < now() - interval '180 days'");
    long youngTrail = count("SELECT count(*) FROM tessera_audit WHERE committed_at >= now() - interval '180 days'");
    long youngLog = count("SELECT count(*) FROM tessera_security_log WHERE at >= now() - interval '180 days'");

    List<AuditRetention> nodes = List.of(node(), node());
    List<String> outcomes;
    try (Race race = new Race(2)) {
      outcomes = race.run(2, i -> {
        AuditRetention.Purged p = nodes.get(i).purge().await().atMost(Duration.ofMinutes(2));
        return p.recordTrail() + "/" + p.securityLog();
      });
    }
    long trail = 0;
    long log = 0;
    for (String o : outcomes) {
      trail += Long.parseLong(o.split("/")[0]);
      log += Long.parseLong(o.split("/")[1]);
    }
    assertEquals(oldTrail, trail, "every old change deleted once between the two nodes: " + outcomes);
    assertEquals(oldLog, log, "every old event deleted once between the two nodes: " + outcomes);
    assertEquals(0, count("SELECT count(*) FROM tessera_audit WHERE committed_at < now() - interval '180 days'"));
    assertEquals(0, count("SELECT count(*) FROM tessera_security_log WHERE at < now() - interval '180 days'"));
    // none of the young went (others may have arrived meanwhile: sign-ins, the feed's later deliveries)
    long trailAfter = count("SELECT count(*) FROM tessera_audit WHERE committed_at >= now() - interval '180 days'");
    long logAfter = count("SELECT count(*) FROM tessera_security_log WHERE at >= now() - interval '180 days'");
    assertTrue(trailAfter >= youngTrail, trailAfter + " < " + youngTrail);
    assertTrue(logAfter >= youngLog, logAfter + " < " + youngLog);
    assertEquals(YOUNG, count("SELECT count(*) FROM tessera_audit WHERE actor = '" + actor + "'"));
    assertEquals(YOUNG, count("SELECT count(*) FROM tessera_security_log WHERE actor = '" + actor + "'"));
  }

  /** Another app node's purge: its own runner with small batches, not started on a timer. */
  private AuditRetention node() {
    return new AuditRetention(store, tx, vertx, "180", false, Duration.ofHours(1), 200);
  }

  private void seed(String actor, long base, int n, String age, int offset) {
    pool.preparedQuery("""
        INSERT INTO tessera_audit(position, entity, record_id, operation, version, changes, actor, source, committed_at)
        SELECT $1::bigint + $4::int + g, 'probe', gen_random_uuid(), 'UPDATE', 1, '{}'::jsonb, $2, 'test', now() - $3::text::interval
        FROM generate_series(1, $5::int) g""").execute(Tuple.of(base, actor, age, offset, n)).await().atMost(Duration.ofMinutes(1));
    pool.preparedQuery("""
        INSERT INTO tessera_security_log(at, kind, actor, path, details)
        SELECT now() - $2::text::interval, 'SIGN_IN', $1, 'test', '{}'::jsonb FROM generate_series(1, $3::int)""")
        .execute(Tuple.of(actor, age, n)).await().atMost(Duration.ofMinutes(1));
  }

  private long count(String sql) {
    return pool.query(sql).execute().await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
  }
}
