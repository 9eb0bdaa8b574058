package dev.tessera.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.PackagedApp;
import dev.tessera.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged apps (two processes) on one database: a publish on one reaches the other (its GraphQL
 * schema included, through LISTEN/NOTIFY), instances started on one are run by both (the tokens are
 * claimed with SKIP LOCKED), and every instance runs each node exactly once.
 */
class FlowTwoNodesIT {
  private static final String DB = TestDatabase.NAME + "_twonodes";
  private static final int INSTANCES = 60;
  private final List<PackagedApp> apps = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (PackagedApp a : apps) {
      a.stop();
    }
  }

  @Test
  void twoNodesShareTheWorkAndSeeEachOthersPublishes() throws Exception {
    TestDatabase.recreate(DB);
    PackagedApp a = start("a");
    PackagedApp b = start("b");

    // published on a: b serves the new entity and knows the flow within seconds
    JsonObject entity = new JsonObject(Map.of("kind", "entity", "name", "visit",
        "label", Map.of("zh-CN", "拜访", "en", "Visit"),
        "fields", List.of(Map.of("name", "name", "type", "text", "label", Map.of("zh-CN", "名称", "en", "Name")),
            Map.of("name", "status", "type", "text", "label", Map.of("zh-CN", "状态", "en", "Status")))));
    JsonObject flow = new JsonObject(Map.of("kind", "flow", "name", "visitFlow",
        "label", Map.of("zh-CN", "拜访流程", "en", "Visit flow"),
        "trigger", Map.of("type", "manual", "entity", "visit"),
        "nodes", List.of(Map.of("id", "first", "type", "setVariable", "name", "step", "value", "1"),
            Map.of("id", "pause", "type", "wait", "duration", "PT1S"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'done'"))),
        "edges", List.of(Map.of("from", "trigger", "to", "first"), Map.of("from", "first", "to", "pause"),
            Map.of("from", "pause", "to", "mark"))));
    JsonObject published = a.graphql("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        new JsonObject().put("d", new JsonArray().add(entity).add(flow)));
    assertTrue(published.getJsonObject("data").getJsonObject("publishDefinitions").getBoolean("applied"), published.encode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline) {
      JsonObject t = new JsonObject(b.post("{ __type(name: \"Visit\") { name } }").body());
      seen = t.getJsonObject("data") != null && t.getJsonObject("data").getValue("__type") != null;
      if (!seen) {
        Thread.sleep(200);
      }
    }
    assertTrue(seen, "the other node serves the published entity");

    // records created on b, instances started on a; both nodes run them
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      ids.add(b.graphql("mutation { createVisit(input: {name: \"拜访 " + i + "\"}) { id } }")
          .getJsonObject("data").getJsonObject("createVisit").getString("id"));
    }
    JsonObject started = a.graphql("mutation S($ids: [ID!]!) { startFlows(flow: \"visitFlow\", recordIds: $ids) }",
        new JsonObject().put("ids", new JsonArray(ids)));
    assertEquals(INSTANCES, started.getJsonObject("data").getInteger("startFlows"));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int completed = 0;
    while (completed < INSTANCES && System.nanoTime() < deadline) {
      Thread.sleep(250);
      completed = b.graphql("{ flowSummary(flow: \"visitFlow\") { completed } }").getJsonObject("data")
          .getJsonObject("flowSummary").getInteger("completed");
    }
    assertEquals(INSTANCES, completed, "every instance completed");

    // each instance ran each node once; every record was marked once
    JsonArray instances = a.graphql("{ flowInstances(flow: \"visitFlow\", first: 500) { recordId path { node status } } }")
        .getJsonObject("data").getJsonArray("flowInstances");
    assertEquals(INSTANCES, instances.size());
    Set<String> records = new HashSet<>();
    for (int i = 0; i < instances.size(); i++) {
      JsonObject inst = instances.getJsonObject(i);
      records.add(inst.getString("recordId"));
      List<String> path = new ArrayList<>();
      inst.getJsonArray("path").forEach(s -> path.add(((JsonObject) s).getString("node") + ":" + ((JsonObject) s).getString("status")));
      assertEquals(List.of("first:completed", "pause:completed", "mark:completed"), path, inst.encode());
    }
    assertEquals(new HashSet<>(ids), records);
    JsonArray visits = b.graphql("{ visits(first: 100, filter: {status: {eq: \"done\"}}) { nodes { id version } } }")
        .getJsonObject("data").getJsonObject("visits").getJsonArray("nodes");
    assertEquals(INSTANCES, visits.size());
    for (int i = 0; i < visits.size(); i++) {
      assertEquals(2, visits.getJsonObject(i).getInteger("version"), "written once: " + visits.getJsonObject(i));
    }
    double onA = steps(a);
    double onB = steps(b);
    assertEquals(INSTANCES * 3.0, onA + onB, "nodes run across both apps: a " + onA + ", b " + onB);
    assertTrue(onA > 0 && onB > 0, "both apps ran flow steps: a " + onA + ", b " + onB);
  }

  private static final Pattern STEPS = Pattern.compile("(?m)^tessera_flows_steps_total(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)");

  private static double steps(PackagedApp app) throws Exception {
    Matcher m = STEPS.matcher(app.get("/q/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private PackagedApp start(String name) throws Exception {
    PackagedApp app = PackagedApp.start("flow-two-nodes-" + name, PackagedApp.freePort(),
        Map.of("TESSERA_DB_URL", "postgresql://127.0.0.1:5432/" + DB), Duration.ofSeconds(90));
    apps.add(app);
    return app;
  }
}
