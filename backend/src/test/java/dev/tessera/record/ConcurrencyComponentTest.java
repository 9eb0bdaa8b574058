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
import dev.tessera.support.Race;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
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
    try (Race race = new Race(2)) {
      for (int round = 0; round < 20; round++) {
        var meta = registry.current();
        DataRecord r = records.create(meta, name, Map.of("amount", 1), null, new Actor("t")).await().indefinitely();
        List<String> outcomes = race.run(2, writer -> {
          records.update(meta, name, r.id(), 1, Map.of("amount", 10 + writer), null, new Actor("w" + writer))
              .await().indefinitely();
          return "ok";
        });
        assertTrue(outcomes.contains("ok"), outcomes.toString());
        assertTrue(outcomes.contains(ErrorCode.VERSION_CONFLICT.name()), outcomes.toString());
        int winner = outcomes.indexOf("ok");
        DataRecord stored = store.findById(meta.entity(name), r.id(), false).await().indefinitely();
        assertEquals(2, stored.version());
        assertEquals(0, new BigDecimal(10 + winner).compareTo(new BigDecimal(stored.get("amount").toString())),
            "the winner's value is stored");
      }
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

  @Test
  void ofSixteenConcurrentDeletesOfOneRecordExactlyOneSucceedsAndRecordsOneDelete() throws Exception {
    String name = Gql.unique("ticket");
    Gql.publish(entity(name, field("title", "text")));
    try (Race race = new Race(16)) {
      for (int round = 0; round < 5; round++) {
        var meta = registry.current();
        DataRecord r = records.create(meta, name, Map.of("title", "t" + round), null, new Actor("t")).await().indefinitely();
        List<String> outcomes = race.run(16,
            deleter -> records.delete(meta, name, r.id(), new Actor("d" + deleter)).await().indefinitely() ? "ok" : "false");
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(15, outcomes.stream().filter(ErrorCode.NOT_FOUND.name()::equals).count(), outcomes.toString());
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.NAME, "postgres", "");
            var q = c.prepareStatement("SELECT count(*) FROM tessera_change WHERE record_id = ? AND operation = 'DELETE'")) {
          q.setObject(1, r.id());
          try (var rs = q.executeQuery()) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one DELETE in the change feed");
          }
        }
      }
    }
  }
}
