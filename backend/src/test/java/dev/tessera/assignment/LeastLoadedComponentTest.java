package dev.tessera.assignment;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static dev.tessera.support.Defs.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Least-loaded assignment: open work counted in the database, capacity never exceeded, even by 8 writers at once. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class LeastLoadedComponentTest {
  @Test
  void capacityHoldsUnderConcurrencyAndClosedWorkFreesIt() throws Exception {
    String run = Gql.unique("ll").substring(2);
    String ticket = "ticket" + run;
    String Ticket = "Ticket" + run;
    String pool = "overflow" + run;
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "assignmentRule");
    rule.put("name", "tickets" + run);
    rule.put("label", label("工单分配", "Tickets"));
    rule.put("entity", ticket);
    rule.put("entries", List.of(Map.of("name", "balanced", "label", label("均衡", "Balanced"),
        "target", Map.of("type", "team", "key", "trio" + run),
        "strategy", Map.of("type", "leastLoaded", "capacity", 5,
            "workload", List.of(Map.of("field", "status", "op", "in", "value", List.of("open")))))));
    rule.put("fallback", Map.of("type", "pool", "key", pool));
    List<String> trio = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trio.add(Staff.user("t" + i + run, "active"));
    }
    Staff.team("trio" + run, trio);
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(ticket, field("title", "text"), field("status", "picklist", "options", options("open", "done"),
            "default", "open")), Map.of("kind", "pool", "name", pool, "label", label("溢出", "Overflow"), "entity", ticket), rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    Map<String, AtomicInteger> owners = new ConcurrentHashMap<>();
    ExecutorService exec = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(exec.submit(() -> {
        for (int i = 0; i < 5; i++) {
          String o = Gql.ok("mutation { create" + Ticket + "(input: {title: \"t\"}) { ownerId } }").getString("data.create" + Ticket + ".ownerId");
          owners.computeIfAbsent(String.valueOf(o), k -> new AtomicInteger()).incrementAndGet();
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    exec.shutdown();
    for (String u : trio) {
      assertEquals(5, owners.get(u).get(), "filled to capacity, never beyond: " + owners);
    }
    assertEquals(25, owners.get("null").get(), "the rest overflow to the pool: " + owners);

    String someId = Gql.ok("{ " + ticket + "s(filter: {ownerId: {eq: \"" + trio.get(1) + "\"}}, first: 1) { nodes { id version } } }")
        .getString("data." + ticket + "s.nodes[0].id");
    Gql.ok("mutation { update" + Ticket + "(id: \"" + someId + "\", version: 1, patch: {status: \"done\"}) { id } }");
    assertEquals(trio.get(1), Gql.ok("mutation { create" + Ticket + "(input: {title: \"next\"}) { ownerId } }")
        .getString("data.create" + Ticket + ".ownerId"), "closing work frees capacity");
  }
}
