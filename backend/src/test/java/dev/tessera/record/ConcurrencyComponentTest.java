package dev.tessera.record;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Optimistic locking with real threads on the real database: of two writers of one version, one wins. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ConcurrencyComponentTest {
  @Inject
  RecordService records;
  @Inject
  MetadataRegistry registry;
  @Inject
  ReadOnlyStore store;

  @Test
  void twoConcurrentWritersOfOneVersionGetOneConflict() throws Exception {
    String name = Gql.unique("order");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("amount", "number")))));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        var meta = registry.current();
        DataRecord r = records.create(meta, name, Map.of("amount", 1), null, new Actor("t")).await().indefinitely();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          int writer = w;
          results.add(pool.submit(() -> {
            start.await();
            try {
              records.update(meta, name, r.id(), 1, Map.of("amount", 10 + writer), null, new Actor("w" + writer))
                  .await().indefinitely();
              return "ok";
            } catch (PlatformException e) {
              return e.code().name();
            }
          }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
          outcomes.add(f.get());
        }
        assertTrue(outcomes.contains("ok"), outcomes.toString());
        assertTrue(outcomes.contains(ErrorCode.VERSION_CONFLICT.name()), outcomes.toString());
        int winner = outcomes.indexOf("ok");
        DataRecord stored = store.findById(meta.entity(name), r.id(), false).await().indefinitely();
        assertEquals(2, stored.version());
        assertEquals(0, new BigDecimal(10 + winner).compareTo(new BigDecimal(stored.get("amount").toString())),
            "the winner's value is stored");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failedHookRollsBackTheWrite() {
    String name = Gql.unique("refusal");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("amount", "number")))));
    var meta = registry.current();
    PlatformException e = org.junit.jupiter.api.Assertions.assertThrows(PlatformException.class, () ->
        records.createMany(meta, name, List.of(Map.of("amount", 1), Map.of("amount", RefusingHook.REFUSED)),
            Actor.SYSTEM).await().indefinitely());
    assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
    long count = Gql.ok("{ " + name + "s { totalCount } }").getLong("data." + name + "s.totalCount");
    assertEquals(0, count, "the first record of the failed batch was rolled back");
    assertTrue(RefusingHook.SEEN.get() > 0);
  }
}
