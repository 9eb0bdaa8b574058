package dev.tessera.flow;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flows end to end on the real database and the running engine: the issue's minimal flow (a task for
 * the owner, a wait, a field set), enrollment conditions, a task that a flow waits on and its timeout
 * escalating to the owner's team manager, incidents with retry, versions that never change running
 * instances, and the loop guard.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class FlowComponentTest {
  static String lead;
  static String Lead;
  static String run;
  static String owner;
  static String manager;

  @BeforeEach
  void setUp() {
    if (lead != null) {
      return;
    }
    lead = Gql.unique("lead");
    Lead = Character.toUpperCase(lead.charAt(0)) + lead.substring(1);
    run = lead.substring(4);
    Gql.publish(entity(lead, field("name", "text"), field("source", "text"), field("status", "text"),
        field("score", "number")));
    owner = Staff.user("own" + run, "active");
    manager = Staff.user("boss" + run, "active");
    Staff.team("t" + run, List.of(owner));
    String team = Gql.ok("{ teams(filter: {code: {eq: \"t" + run + "\"}}) { nodes { id } } }").getString("data.teams.nodes[0].id");
    String bossId = userId(manager);
    Gql.ok("mutation { updateTeam(id: \"" + team + "\", version: 1, patch: {manager: \"" + bossId + "\"}) { id } }");
  }

  static String userId(String username) {
    return Gql.ok("{ users(filter: {username: {eq: \"" + username + "\"}}) { nodes { id } } }").getString("data.users.nodes[0].id");
  }

  static Map<String, Object> flow(String name, Map<String, Object> trigger, List<Map<String, Object>> nodes,
      List<Map<String, Object>> edges) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "flow");
    f.put("name", name);
    f.put("label", label("测试流程", "Test flow"));
    f.put("trigger", trigger);
    f.put("nodes", nodes);
    f.put("edges", edges);
    return f;
  }

  static Map<String, Object> edge(String from, String to) {
    return Map.of("from", from, "to", to);
  }

  static Map<String, Object> edge(String from, String to, String branch) {
    return Map.of("from", from, "to", to, "branch", branch);
  }

  static String create(String name, String source) {
    return create(name, source, owner);
  }

  static String create(String name, String source, String ownedBy) {
    return Gql.ok("mutation { create" + Lead + "(input: {name: \"" + name + "\", source: \"" + source + "\", ownerId: \""
        + ownedBy + "\"}) { id } }").getString("data.create" + Lead + ".id");
  }

  static JsonPath instances(String flow, String recordId) {
    return Gql.ok("query Q($f: String, $r: ID) { flowInstances(flow: $f, recordId: $r) { id flow version status outcome recordId"
        + " path { node status branch output error attempt } tokens { node state error } } }",
        recordId == null ? Map.of("f", flow) : Map.of("f", flow, "r", recordId));
  }

  /** Polls the instances of {@code flow} on {@code recordId} until one satisfies {@code done} (30 s at most). */
  static Map<String, Object> awaitInstance(String flow, String recordId, Predicate<Map<String, Object>> done) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<Map<String, Object>> last = List.of();
    while (System.nanoTime() < deadline) {
      last = instances(flow, recordId).getList("data.flowInstances");
      for (Map<String, Object> i : last) {
        if (done.test(i)) {
          return i;
        }
      }
      sleep(100);
    }
    throw new AssertionError("no instance of " + flow + " on " + recordId + " got there in 30 s; last: " + last);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> nodes(Map<String, Object> instance) {
    List<String> out = new ArrayList<>();
    ((List<Map<String, Object>>) instance.get("path")).forEach(s -> out.add(s.get("node") + ":" + s.get("status")));
    return out;
  }

  @Test
  void theIssuesMinimalFlowRunsToTheEnd() {
    String name = "follow" + run;
    Map<String, Object> f = flow(name, Map.of("type", "recordCreated", "entity", lead, "condition", "source == 'douyin'"),
        List.of(
            Map.of("id", "call", "type", "createTask", "assignee", Map.of("type", "recordOwner"),
                "title", label("联系 {{name}}", "Call {{name}}"), "dueInDays", 1),
            Map.of("id", "pause", "type", "wait", "duration", "PT2S"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'waiting'"))),
        List.of(edge("trigger", "call"), edge("call", "pause"), edge("pause", "mark")));
    Gql.publish(f);
    String hit = create("张三" + run, "douyin");
    String miss = create("李四" + run, "tmall");

    Map<String, Object> done = awaitInstance(name, hit, i -> "completed".equals(i.get("status")));
    assertEquals(List.of("call:completed", "pause:completed", "mark:completed"), nodes(done));
    assertEquals("end", done.get("outcome"));
    assertEquals(1, done.get("version"));
    JsonPath record = Gql.ok("{ " + lead + "(id: \"" + hit + "\") { status } }");
    assertEquals("waiting", record.getString("data." + lead + ".status"));
    JsonPath tasks = Gql.ok("{ tasks(filter: {relatedId: {eq: \"" + hit + "\"}}) { nodes { title status ownerId due } } }");
    assertEquals(1, tasks.getList("data.tasks.nodes").size());
    assertEquals("联系 张三" + run, tasks.getString("data.tasks.nodes[0].title"));
    assertEquals(owner, tasks.getString("data.tasks.nodes[0].ownerId"));
    assertEquals("open", tasks.getString("data.tasks.nodes[0].status"));

    // the enrollment condition kept the other lead out: no instance at all
    sleep(1500);
    assertEquals(0, instances(name, miss).getList("data.flowInstances").size());
  }

  @Test
  void aWaitedTaskContinuesWhenDoneAndEscalatesToTheManagerWhenItTimesOut() {
    String name = "escalate" + run;
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", "followUp");
    task.put("type", "createTask");
    task.put("assignee", Map.of("type", "recordOwner"));
    task.put("title", label("跟进 {{name}}", "Follow up {{name}}"));
    task.put("dueInDays", 7);
    task.put("wait", true);
    task.put("timeout", "PT3S");
    Map<String, Object> f = flow(name, Map.of("type", "recordCreated", "entity", lead, "condition", "source == 'escalate'"),
        List.of(task,
            Map.of("id", "contacted", "type", "updateRecord", "set", Map.of("status", "'contacted'")),
            Map.of("id", "tellBoss", "type", "notify", "channel", "inApp", "to", Map.of("type", "ownerManager"),
                "message", Map.of("subject", label("{{name}} 7 天未跟进", "{{name}}: no follow-up in 7 days"),
                    "body", label("负责人 {{owner.name}} 还没有跟进 {{name}}", "{{owner.name}} has not followed up {{name}}"))),
            Map.of("id", "bossTask", "type", "createTask", "assignee", Map.of("type", "ownerManager"),
                "title", label("督促跟进 {{name}}", "Chase the follow-up of {{name}}"), "dueInDays", 1)),
        List.of(edge("trigger", "followUp"), edge("followUp", "contacted"), edge("followUp", "tellBoss", "timeout"),
            edge("tellBoss", "bossTask")));
    Gql.publish(f);

    // done in time: the flow goes on along the default edge
    String quick = create("快" + run, "escalate");
    Map<String, Object> waiting = awaitInstance(name, quick, i -> "waiting".equals(i.get("status")));
    assertEquals(List.of("followUp:waiting"), nodes(waiting));
    String taskId = Gql.ok("{ tasks(filter: {relatedId: {eq: \"" + quick + "\"}}) { nodes { id } } }")
        .getString("data.tasks.nodes[0].id");
    JsonPath completed = Gql.post(owner, "en", "mutation { completeTask(id: \"" + taskId + "\") { id status completedAt } }",
        Map.of());
    assertEquals("done", completed.getString("data.completeTask.status"), completed.prettify());
    Map<String, Object> done = awaitInstance(name, quick, i -> "completed".equals(i.get("status")));
    assertEquals(List.of("followUp:completed", "contacted:completed"), nodes(done));

    // not done in time: the timeout branch tells the owner's team manager and gives the manager a task
    String slow = create("慢" + run, "escalate");
    Map<String, Object> late = awaitInstance(name, slow, i -> "completed".equals(i.get("status")));
    assertEquals(List.of("followUp:completed", "tellBoss:completed", "bossTask:completed"), nodes(late));
    JsonPath inbox = Gql.post(manager, "zh-CN", "{ notifications { title body } }", Map.of());
    assertTrue(inbox.getList("data.notifications.title").contains("慢" + run + " 7 天未跟进"), inbox.prettify());
    assertTrue(inbox.getList("data.notifications.body").contains("负责人 " + owner + " 还没有跟进 慢" + run), inbox.prettify());
    JsonPath bossTasks = Gql.post(manager, "en", "{ myTasks(status: \"open\") { title relatedId } }", Map.of());
    assertTrue(bossTasks.getList("data.myTasks.title").contains("督促跟进 慢" + run), bossTasks.prettify());
  }

  @Test
  void aFailingStepRetriesThenBecomesAnIncidentThatCanBeRetriedFromThatNode() {
    String name = "incident" + run;
    String loner = Staff.user("loner" + run, "active"); // in no team: the owner's manager cannot be found
    Map<String, Object> first = Map.of("id", "first", "type", "updateRecord", "set", Map.of("status", "'started'"));
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", "toManager");
    task.put("type", "createTask");
    task.put("assignee", Map.of("type", "ownerManager"));
    task.put("title", label("任务", "Task"));
    task.put("retry", Map.of("maxAttempts", 2, "backoff", "PT0.2S"));
    Map<String, Object> f = flow(name, Map.of("type", "recordCreated", "entity", lead, "condition", "source == 'incident'"),
        List.of(first, task), List.of(edge("trigger", "first"), edge("first", "toManager")));
    Gql.publish(f);
    String id = create("故障" + run, "incident", loner);
    Map<String, Object> failed = awaitInstance(name, id, i -> "failed".equals(i.get("status")));
    // the node before the failing one committed once; the failing one was tried twice
    assertEquals(List.of("first:completed", "toManager:failed", "toManager:failed"), nodes(failed));
    JsonPath incidents = Gql.ok("query Q($f: String) { incidents(flow: $f) { id node attempts error } }", Map.of("f", name));
    assertEquals(1, incidents.getList("data.incidents").size());
    assertTrue(incidents.getString("data.incidents[0].error").contains("NO_MANAGER"), incidents.prettify());
    assertTrue(incidents.getString("data.incidents[0].error").contains(loner), incidents.prettify());
    assertEquals("started", Gql.ok("{ " + lead + "(id: \"" + id + "\") { status } }").getString("data." + lead + ".status"));

    // the cause is mended (the owner joins a team with a manager); retried from the failed node only
    Staff.team("lt" + run, List.of(loner));
    String team = Gql.ok("{ teams(filter: {code: {eq: \"lt" + run + "\"}}) { nodes { id } } }").getString("data.teams.nodes[0].id");
    Gql.ok("mutation { updateTeam(id: \"" + team + "\", version: 1, patch: {manager: \"" + userId(manager) + "\"}) { id } }");
    JsonPath retried = Gql.ok("mutation { retryIncident(id: \"" + incidents.getString("data.incidents[0].id") + "\") { status } }");
    assertEquals("running", retried.getString("data.retryIncident.status"));
    Map<String, Object> done = awaitInstance(name, id, i -> "completed".equals(i.get("status")));
    assertEquals(List.of("first:completed", "toManager:failed", "toManager:failed", "toManager:completed"), nodes(done));
    JsonPath tasks = Gql.ok("{ tasks(filter: {relatedId: {eq: \"" + id + "\"}}) { nodes { ownerId } } }");
    assertEquals(List.of(manager), tasks.getList("data.tasks.nodes.ownerId"));
  }

  @Test
  void aRunningInstanceFinishesOnTheVersionItStartedOn() {
    String name = "versions" + run;
    Map<String, Object> v1 = flow(name, Map.of("type", "recordCreated", "entity", lead, "condition", "source == 'versions'"),
        List.of(Map.of("id", "pause", "type", "wait", "duration", "PT3S"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'v1'"))),
        List.of(edge("trigger", "pause"), edge("pause", "mark")));
    Gql.publish(v1);
    String early = create("早" + run, "versions");
    awaitInstance(name, early, i -> "waiting".equals(i.get("status")));
    Map<String, Object> v2 = flow(name, Map.of("type", "recordCreated", "entity", lead, "condition", "source == 'versions'"),
        List.of(Map.of("id", "mark2", "type", "updateRecord", "set", Map.of("status", "'v2'"))),
        List.of(edge("trigger", "mark2")));
    Gql.publish(v2);
    String later = create("晚" + run, "versions");
    Map<String, Object> second = awaitInstance(name, later, i -> "completed".equals(i.get("status")));
    assertEquals(2, second.get("version"));
    Map<String, Object> first = awaitInstance(name, early, i -> "completed".equals(i.get("status")));
    assertEquals(1, first.get("version"));
    assertEquals(List.of("pause:completed", "mark:completed"), nodes(first));
    assertEquals("v1", Gql.ok("{ " + lead + "(id: \"" + early + "\") { status } }").getString("data." + lead + ".status"));
    assertEquals("v2", Gql.ok("{ " + lead + "(id: \"" + later + "\") { status } }").getString("data." + lead + ".status"));
  }

  @Test
  void aFlowThatUpdatesItsOwnTriggerRecordDoesNotLoop() {
    String name = "loop" + run;
    Map<String, Object> f = flow(name, Map.of("type", "recordUpdated", "entity", lead, "condition", "source == 'loop'",
            "changes", List.of(Map.of("field", "score"))),
        List.of(Map.of("id", "bump", "type", "updateRecord", "set", Map.of("score", "score + 1"))),
        List.of(edge("trigger", "bump")));
    f.put("reenrollment", "whenTriggeredAgain");
    Gql.publish(f);
    String id = create("循环" + run, "loop");
    Gql.ok("mutation { update" + Lead + "(id: \"" + id + "\", version: 1, patch: {score: 1}) { id } }");
    Map<String, Object> done = awaitInstance(name, id, i -> "completed".equals(i.get("status"))
        && nodes(i).contains("trigger:skipped"));
    assertEquals(List.of("bump:completed", "trigger:skipped"), nodes(done));
    sleep(1500);
    assertEquals(1, instances(name, id).getList("data.flowInstances").size());
    assertEquals(2, Gql.ok("{ " + lead + "(id: \"" + id + "\") { score } }").getInt("data." + lead + ".score"));
  }

  @Test
  void startFlowByHandRunsAManualFlowAndCancelStopsIt() {
    String name = "manual" + run;
    Map<String, Object> f = flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "pause", "type", "wait", "duration", "PT1H"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'never'"))),
        List.of(edge("trigger", "pause"), edge("pause", "mark")));
    Gql.publish(f);
    String id = create("手动" + run, "manual");
    JsonPath started = Gql.ok("mutation { startFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { id status } }");
    String instance = started.getString("data.startFlow.id");
    assertNotNull(instance, started.prettify());
    awaitInstance(name, id, i -> "waiting".equals(i.get("status")));
    JsonPath cancelled = Gql.ok("mutation { cancelFlowInstance(id: \"" + instance + "\") { status outcome } }");
    assertEquals("cancelled", cancelled.getString("data.cancelFlowInstance.status"));
    JsonPath summary = Gql.ok("{ flowSummary(flow: \"" + name + "\") { cancelled waiting waitingPerNode { node count } } }");
    assertEquals(1, summary.getInt("data.flowSummary.cancelled"));
    assertEquals(0, summary.getInt("data.flowSummary.waiting"));
  }

  @Test
  void aWebhooksAnswerDecidesTheBranchAndStartFlowsStartsManyAtOnce() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    java.util.List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
    io.vertx.core.http.HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      keys.add(req.getHeader("X-Tessera-Idempotency-Key"));
      String level = body.toString().contains("VIP") ? "vip" : "normal";
      req.response().putHeader("Content-Type", "application/json").end("{\"level\": \"" + level + "\"}");
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    try {
      String name = "hook" + run;
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", "ask");
      call.put("type", "callWebhook");
      call.put("url", "http://127.0.0.1:" + server.actualPort() + "/level");
      call.put("body", Map.of("name", "name"));
      call.put("output", "crm");
      Map<String, Object> f = flow(name, Map.of("type", "manual", "entity", lead),
          List.of(call,
              Map.of("id", "which", "type", "condition", "branches", List.of(Map.of("name", "vip",
                  "condition", "vars.crm.body.level == 'vip'"))),
              Map.of("id", "vip", "type", "updateRecord", "set", Map.of("status", "'vip'")),
              Map.of("id", "normal", "type", "updateRecord", "set", Map.of("status", "'normal'"))),
          List.of(edge("trigger", "ask"), edge("ask", "which"), edge("which", "vip", "vip"),
              edge("which", "normal", "else")));
      Gql.publish(f);
      String a = create("VIP 王五" + run, "hook");
      String b = create("赵六" + run, "hook");
      String c = create("孙七" + run, "hook");
      JsonPath started = Gql.ok("mutation M($ids: [ID!]!) { startFlows(flow: \"" + name + "\", recordIds: $ids) }",
          Map.of("ids", List.of(a, b, c)));
      assertEquals(3, started.getInt("data.startFlows"));
      for (String id : List.of(a, b, c)) {
        awaitInstance(name, id, i -> "completed".equals(i.get("status")));
      }
      assertEquals("vip", Gql.ok("{ " + lead + "(id: \"" + a + "\") { status } }").getString("data." + lead + ".status"));
      assertEquals("normal", Gql.ok("{ " + lead + "(id: \"" + b + "\") { status } }").getString("data." + lead + ".status"));
      // one call per instance, each with its own idempotency key
      assertEquals(3, keys.size(), keys.toString());
      assertEquals(3, new java.util.HashSet<>(keys).size(), keys.toString());
    } finally {
      server.close();
      vertx.close();
    }
  }
}
