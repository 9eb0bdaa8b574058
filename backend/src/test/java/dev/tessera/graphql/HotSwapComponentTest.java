package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Queries keep working while definitions are published over and over. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HotSwapComponentTest {
  @Test
  void queriesSurviveRepeatedPublishes() throws Exception {
    String name = Gql.unique("visit");
    List<Map<String, Object>> fields = new ArrayList<>(List.of(field("place", "text", "indexed", true)));
    publish(name, fields);
    Gql.ok("mutation { create" + RecordApiComponentTest.cap(name) + "(input: {place: \"上海\"}) { id } }");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger queries = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      readers.submit(() -> {
        while (running.get()) {
          JsonPath r = Gql.post("{ " + name + "s(filter: {place: {eq: \"上海\"}}) { totalCount nodes { id place } } }");
          queries.incrementAndGet();
          if (r.get("errors") != null || r.getInt("data." + name + "s.totalCount") != 1) {
            failures.add(r.prettify());
          }
        }
      });
    }
    for (int i = 0; i < 12; i++) {
      fields.add(field("extra" + i, i % 2 == 0 ? "number" : "text", "indexed", i % 3 == 0));
      publish(name, fields);
    }
    running.set(false);
    readers.shutdown();
    assertTrue(readers.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(queries.get() > 12, "queries ran during the publishes: " + queries.get());
    assertEquals(List.of(), List.copyOf(failures));
  }

  private static void publish(String name, List<Map<String, Object>> fields) {
    Map<String, Object> def = entity(name);
    def.put("fields", new ArrayList<>(fields));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { message } } }",
        Map.of("d", List.of(def)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
  }
}
