package dev.tessera.assignment;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.TxRunner;
import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assignment rules on real records: first matching entry wins, field maps, user and team targets,
 * unavailable people skipped with the reason traced, weighted shares, an owner chosen by the client
 * left alone, and round-robin exact under 8 concurrent writers.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AssignmentComponentTest {
  static String lead;
  static String Lead;
  static String run;
  static List<String> sales = new ArrayList<>();

  @Inject
  AssignmentStore store;

  @Inject
  TxRunner tx;

  @Inject
  io.vertx.mutiny.sqlclient.Pool pool;

  @BeforeEach
  void setUp() {
    if (lead != null) {
      return;
    }
    lead = Gql.unique("lead");
    Lead = Character.toUpperCase(lead.charAt(0)) + lead.substring(1);
    run = lead.substring(4);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(lead, field("name", "text"), field("province", "text"), field("budget", "money"),
            field("code", "text", "unique", true)))));
    for (int i = 0; i < 10; i++) {
      sales.add(Staff.user("s" + i + run, "active"));
    }
    String vip = Staff.user("vip" + run, "active");
    Staff.user("away" + run, "onLeave");
    Staff.team("all" + run, sales);
    Staff.team("east" + run, List.of("away" + run, sales.get(0)));
    Staff.team("pair" + run, List.of(sales.get(1), sales.get(2)));
    Staff.team("gone" + run, List.of("away" + run));
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "assignmentRule");
    rule.put("name", "assign" + run);
    rule.put("label", label("线索分配", "Lead assignment"));
    rule.put("entity", lead);
    rule.put("entries", List.of(
        Map.of("name", "bigBudget", "label", label("大客户", "Big budget"), "when", "budget >= 1000000",
            "target", Map.of("type", "user", "key", vip)),
        Map.of("name", "nobodyThere", "label", label("无人", "Nobody"), "conditions",
            List.of(Map.of("field", "province", "op", "eq", "value", "西藏")), "target", Map.of("type", "team", "key", "gone" + run)),
        Map.of("name", "byProvince", "label", label("按省份", "By province"),
            "conditions", List.of(Map.of("field", "province", "op", "in", "value", List.of("浙江", "四川"))),
            "strategy", Map.of("type", "fieldMap", "field", "province",
                "map", Map.of("浙江", Map.of("type", "team", "key", "east" + run), "四川", Map.of("type", "team", "key", "pair" + run)))),
        Map.of("name", "weighted", "label", label("加权", "Weighted"), "when", "name == 'weighted'",
            "target", Map.of("type", "team", "key", "pair" + run),
            "strategy", Map.of("type", "weighted", "weights", Map.of(sales.get(1), 2, sales.get(2), 1))),
        Map.of("name", "rest", "label", label("其他", "Everyone"), "when", "isBlank(province)",
            "target", Map.of("type", "team", "key", "all" + run))));
    rule.put("fallback", Map.of("type", "user", "key", sales.get(9)));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
  }

  static JsonPath create(String input) {
    return Gql.ok("mutation { create" + Lead + "(input: {" + input + "}) { id ownerId } }");
  }

  String owner(String input) {
    return create(input).getString("data.create" + Lead + ".ownerId");
  }

  @Test
  void theFirstMatchingEntryDecidesAndTheTraceSaysWhy() {
    assertEquals("vip" + run, owner("name: \"a\", budget: \"2000000\", province: \"浙江\""), "first entry wins over later ones");
    JsonPath zj = create("name: \"b\", province: \"浙江\"");
    assertEquals(sales.get(0), zj.getString("data.create" + Lead + ".ownerId"), "the member on leave is skipped");
    List<Map<String, Object>> traces = tx.withConnection(t -> store.traces(t,
        UUID.fromString(zj.getString("data.create" + Lead + ".id")))).await().indefinitely();
    Map<String, Object> trace = traces.get(0);
    assertEquals("byProvince", trace.get("entry"));
    assertEquals(sales.get(0), trace.get("owner"));
    assertTrue(trace.get("considered").toString().contains("on leave"), trace.toString());
    JsonPath why = Gql.ok("{ assignmentTrace(id: \"" + zj.getString("data.create" + Lead + ".id") + "\") { entry pickedBy strategy } }");
    assertEquals("byProvince", why.getString("data.assignmentTrace[0].entry"), why.prettify());
    assertEquals("fieldMap", why.getString("data.assignmentTrace[0].pickedBy"), why.prettify());
    assertEquals("roundRobin", why.getString("data.assignmentTrace[0].strategy"), why.prettify());
    assertEquals(sales.get(9), owner("name: \"c\", province: \"西藏\""), "nobody available there: on to the fallback");
    assertEquals(sales.get(9), owner("name: \"d\", province: \"广东\""), "no entry matches: the fallback");
  }

  @Test
  void aDryRunShowsWhoWouldGetWhatAndChangesNothing() {
    String id = create("name: \"rerun\", ownerId: \"manual\", province: \"浙江\"").getString("data.create" + Lead + ".id");
    String conditions = "[{\"field\": \"name\", \"op\": \"eq\", \"value\": \"rerun\"}]";
    JsonPath dry = Gql.ok("mutation R($c: JSON) { runAssignment(entity: \"" + lead + "\", conditions: $c, dryRun: true) { id ownerBefore owner trace { entry } } }",
        Map.of("c", new io.vertx.core.json.JsonArray(conditions).getList()));
    assertEquals(List.of(id), dry.getList("data.runAssignment.id"));
    assertEquals("manual", dry.getString("data.runAssignment[0].ownerBefore"));
    assertEquals(sales.get(0), dry.getString("data.runAssignment[0].owner"));
    assertEquals("byProvince", dry.getString("data.runAssignment[0].trace.entry"));
    assertEquals("manual", Gql.ok("{ " + lead + "(id: \"" + id + "\") { ownerId } }").getString("data." + lead + ".ownerId"),
        "a dry run changes nothing");
    Gql.ok("mutation R($c: JSON) { runAssignment(entity: \"" + lead + "\", conditions: $c) { id owner } }",
        Map.of("c", new io.vertx.core.json.JsonArray(conditions).getList()));
    assertEquals(sales.get(0), Gql.ok("{ " + lead + "(id: \"" + id + "\") { ownerId } }").getString("data." + lead + ".ownerId"));
  }

  @Test
  void aDryRunPreviewsARotationWithoutMovingIt() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(create("name: \"preview" + i + "\", ownerId: \"manual\"").getString("data.create" + Lead + ".id"));
    }
    Map<String, Object> vars = Map.of("c", List.of(Map.of("field", "name", "op", "in",
        "value", List.of("preview0", "preview1", "preview2"))));
    String dryRun = "mutation R($c: JSON) { runAssignment(entity: \"" + lead + "\", conditions: $c, dryRun: true) { id ownerBefore owner trace { entry } } }";
    List<String> first = Gql.ok(dryRun, vars).getList("data.runAssignment.owner");
    List<String> second = Gql.ok(dryRun, vars).getList("data.runAssignment.owner");
    assertEquals(first, second, "a dry run takes no turns, so the next one previews the same owners");
    assertEquals(3, new java.util.HashSet<>(first).size(), "three consecutive turns of a 10-person rotation: " + first);
    List<String> real = Gql.ok("mutation R($c: JSON) { runAssignment(entity: \"" + lead + "\", conditions: $c) { id owner } }", vars)
        .getList("data.runAssignment.owner");
    assertEquals(first, real, "the real run gives what the preview showed");
    JsonPath one = Gql.ok("mutation R($ids: [ID!]) { runAssignment(entity: \"" + lead + "\", ids: $ids, dryRun: true) { id owner } }",
        Map.of("ids", List.of(ids.get(1))));
    assertEquals(List.of(ids.get(1)), one.getList("data.runAssignment.id"), "re-run on one record: " + one.prettify());
  }

  @Test
  void aWriteTheDatabaseRefusesLeavesNoTrace() {
    create("name: \"u1\", code: \"U-" + run + "\"");
    long before = traces();
    JsonPath refused = Gql.post("mutation { create" + Lead + "(input: {name: \"u2\", code: \"U-" + run + "\"}) { id } }");
    assertTrue(refused.getList("errors") != null && !refused.getList("errors").isEmpty(), refused.prettify());
    assertEquals(before, traces(), "the trace queued with the refused insert was rolled back with it");
  }

  private long traces() {
    return pool.preparedQuery("SELECT count(*) FROM tessera_assignment_trace WHERE entity = $1")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(lead)).await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void anOwnerChosenByTheClientIsKept() {
    assertEquals("someone", owner("name: \"e\", ownerId: \"someone\""));
  }

  @Test
  void weightedSharesFollowTheWeightsExactly() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      counts.merge(owner("name: \"weighted\", province: \"广东\""), 1, Integer::sum);
    }
    assertEquals(Map.of(sales.get(1), 20, sales.get(2), 10), counts);
  }

  @Test
  void roundRobinStaysExactUnderConcurrency() throws Exception {
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < 125; i++) {
          String o = owner("name: \"rr\"");
          counts.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertEquals(10, counts.size(), counts.toString());
    for (String s : sales) {
      int got = counts.get(s).get();
      assertTrue(got >= 99 && got <= 101, s + " got " + got + ": " + counts);
    }
    assertNull(counts.get("away" + run));
  }
}
