package dev.tessera.record;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.platform.Actor;
import dev.tessera.platform.PlatformException;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** RecordChanged is fired after commit, once per write, and never for a rolled-back write. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class RecordEventsComponentTest {
  @Inject
  RecordService records;
  @Inject
  MetadataRegistry registry;
  @Inject
  Listener listener;

  /** Collects events of every write. */
  @ApplicationScoped
  static class Listener {
    final ConcurrentLinkedQueue<RecordChanged> events = new ConcurrentLinkedQueue<>();

    void on(@ObservesAsync RecordChanged e) {
      events.add(e);
    }

    List<RecordChanged> of(String entity) {
      return events.stream().filter(e -> e.entity().equals(entity)).toList();
    }
  }

  @Test
  void eventsFollowCommittedWritesOnly() throws Exception {
    String name = Gql.unique("event");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("amount", "number")))));
    var meta = registry.current();
    DataRecord r = records.create(meta, name, Map.of("amount", 5), null, new Actor("alice")).await().indefinitely();
    records.update(meta, name, r.id(), 1, Map.of("amount", 6), null, new Actor("bob")).await().indefinitely();
    assertThrows(PlatformException.class, () -> records.createMany(meta, name,
        List.of(Map.of("amount", 1), Map.of("amount", RefusingHook.REFUSED)), Actor.SYSTEM).await().indefinitely());
    records.delete(meta, name, r.id(), new Actor("carol")).await().indefinitely();
    long deadline = System.currentTimeMillis() + 5000;
    while (listener.of(name).size() < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
    List<RecordChanged> seen = listener.of(name);
    // async observers may see them in any order
    assertEquals(java.util.Set.of(RecordChanged.Operation.CREATE, RecordChanged.Operation.UPDATE,
        RecordChanged.Operation.DELETE), java.util.Set.copyOf(seen.stream().map(RecordChanged::operation).toList()));
    assertEquals(3, seen.size());
    RecordChanged update = seen.stream().filter(e -> e.operation() == RecordChanged.Operation.UPDATE).findFirst()
        .orElseThrow();
    assertEquals("bob", update.actor());
    assertEquals(2, update.version());
    assertTrue(seen.stream().allMatch(e -> e.id().equals(r.id())), "nothing from the rolled-back batch");
  }
}
