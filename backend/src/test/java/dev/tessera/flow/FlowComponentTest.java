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

  @jakarta.inject.Inject
  FlowScheduler scheduler;

  /** The database, to move a waiting path's clock on (7 days in a test that lasts seconds). */
  @jakarta.inject.Inject
  io.vertx.mutiny.sqlclient.Pool pool;

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
        + " path { node status branch input output error attempt } tokens { node state error } } }",
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
    Map<String, Object> task = ownerTask("followUp", "跟进 {{name}}", "Follow up {{name}}");
    task.put("dueInDays", 7);
    task.put("wait", true);
    task.put("timeout", "P7D");
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

    // not done in 7 days: the clock is moved on (the due time of the waiting path), the timeout branch
    // tells the owner's team manager and gives the manager a task
    String slow = create("慢" + run, "escalate");
    awaitInstance(name, slow, i -> "waiting".equals(i.get("status")));
    String dueAt = Gql.ok("query Q($f: String, $r: ID) { flowInstances(flow: $f, recordId: $r) { tokens { dueAt } } }",
        Map.of("f", name, "r", slow)).getString("data.flowInstances[0].tokens[0].dueAt");
    long hours = java.time.Duration.between(java.time.OffsetDateTime.now(), java.time.OffsetDateTime.parse(dueAt)).toHours();
    assertTrue(hours >= 7 * 24 - 1 && hours <= 7 * 24, "times out in 7 days: " + dueAt);
    pool.preparedQuery("UPDATE tessera_flow_token SET due_at = now() - interval '1 second', wait = jsonb_set(wait, '{until}',"
        + " to_jsonb(to_char(now() at time zone 'UTC' - interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"
        + " WHERE state = 'waiting' AND instance_id IN (SELECT id FROM tessera_flow_instance WHERE record_id = $1)")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(slow))).await().indefinitely();
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
      // the step history shows what was sent (and no header or signature)
      Map<String, Object> sent = step(awaitInstance(name, a, i -> "completed".equals(i.get("status"))), "ask");
      assertEquals(Map.of("url", call.get("url"), "method", "POST", "body", Map.of("name", "VIP 王五" + run)),
          sent.get("input"));
      // one call per instance, each with its own idempotency key
      assertEquals(3, keys.size(), keys.toString());
      assertEquals(3, new java.util.HashSet<>(keys).size(), keys.toString());
    } finally {
      server.close();
      vertx.close();
    }
  }

  @Test
  void timeTriggersStartOncePerSlot() {
    // a schedule without entity: one instance per cron slot, however often the slot is checked
    String every = "cron" + run;
    Gql.publish(flow(every, Map.of("type", "schedule", "cron", "* * * * *"),
        List.of(Map.of("id", "note", "type", "setVariable", "name", "ran", "value", "true")),
        List.of(edge("trigger", "note"))));
    java.time.OffsetDateTime later = java.time.OffsetDateTime.now().plusMinutes(1);
    scheduler.check(later).await().atMost(java.time.Duration.ofSeconds(30));
    scheduler.check(later).await().atMost(java.time.Duration.ofSeconds(30));
    awaitInstance(every, null, i -> "completed".equals(i.get("status")));
    assertEquals(1, instances(every, null).getList("data.flowInstances").size());

    // three days before a contract ends: the records whose date is three days ahead, each once
    String contract = Gql.unique("contract");
    Gql.publish(entity(contract, field("name", "text"), field("ends", "date")));
    String Contract = Character.toUpperCase(contract.charAt(0)) + contract.substring(1);
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    String soon = Gql.ok("mutation { create" + Contract + "(input: {name: \"三天后\", ends: \"" + today.plusDays(3) + "\"}) { id } }")
        .getString("data.create" + Contract + ".id");
    String notYet = Gql.ok("mutation { create" + Contract + "(input: {name: \"四天后\", ends: \"" + today.plusDays(4) + "\"}) { id } }")
        .getString("data.create" + Contract + ".id");
    String renew = "renew" + run;
    Gql.publish(flow(renew, Map.of("type", "relativeDate", "entity", contract, "field", "ends", "offsetDays", -3, "at", "00:00"),
        List.of(Map.of("id", "note", "type", "setVariable", "name", "due", "value", "ends")),
        List.of(edge("trigger", "note"))));
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now().plusSeconds(1);
    scheduler.check(now).await().atMost(java.time.Duration.ofSeconds(30));
    scheduler.check(now).await().atMost(java.time.Duration.ofSeconds(30));
    awaitInstance(renew, soon, i -> "completed".equals(i.get("status")));
    assertEquals(1, instances(renew, soon).getList("data.flowInstances").size());
    assertEquals(0, instances(renew, notYet).getList("data.flowInstances").size());
  }

  /** A createTask node for the record's owner (a map the test may add to). */
  static Map<String, Object> ownerTask(String id, String zh, String en) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("type", "createTask");
    task.put("assignee", Map.of("type", "recordOwner"));
    task.put("title", label(zh, en));
    return task;
  }

  /** The history row of {@code node} in an instance's path. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> step(Map<String, Object> instance, String node) {
    return ((List<Map<String, Object>>) instance.get("path")).stream().filter(s -> node.equals(s.get("node"))).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + node + " in " + instance.get("path")));
  }

  @Test
  void eachStepRecordsWhatItActedOnItsExpressionsEvaluated() {
    String name = "inputs" + run;
    Map<String, Object> task = ownerTask("call", "联系 {{name}}", "Call {{name}}");
    task.put("dueInDays", 2);
    Gql.publish(flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "greet", "type", "setVariable", "name", "greeting", "value", "'你好 ' + name"),
            Map.of("id", "which", "type", "condition", "branches", List.of(
                Map.of("name", "hot", "condition", "source == 'hot'"),
                Map.of("name", "warm", "condition", "source == 'warm'"))),
            Map.of("id", "ab", "type", "split", "branches", List.of(Map.of("name", "a", "weight", 3),
                Map.of("name", "b", "weight", 1))),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'seen by ' + vars.greeting")),
            task,
            Map.of("id", "tell", "type", "notify", "channel", "inApp", "to", Map.of("type", "recordOwner"),
                "message", Map.of("body", label("{{name}} 已联系", "{{name}} contacted"))),
            Map.of("id", "pause", "type", "wait", "duration", "PT1S")),
        List.of(edge("trigger", "greet"), edge("greet", "which"), edge("which", "ab", "warm"),
            edge("which", "ab", "else"), edge("ab", "mark", "a"), edge("ab", "mark", "b"), edge("mark", "call"),
            edge("call", "tell"), edge("tell", "pause"))));
    String id = create("钱八" + run, "warm");
    Gql.ok("mutation { startFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { id } }");
    Map<String, Object> done = awaitInstance(name, id, i -> "completed".equals(i.get("status")));

    assertEquals(Map.of("greeting", "你好 钱八" + run), step(done, "greet").get("input"));
    assertEquals(Map.of("conditions", List.of(Map.of("condition", "source == 'hot'", "holds", false),
        Map.of("condition", "source == 'warm'", "holds", true))), step(done, "which").get("input"));
    assertEquals(Map.of("weights", Map.of("a", 3, "b", 1)), step(done, "ab").get("input"));
    assertEquals(Map.of("entity", lead, "id", id, "set", Map.of("status", "seen by 你好 钱八" + run)),
        step(done, "mark").get("input"));
    Map<?, ?> taskInput = (Map<?, ?>) step(done, "call").get("input");
    assertEquals("联系 钱八" + run, taskInput.get("title"));
    assertEquals("open", taskInput.get("status"));
    assertEquals(id, taskInput.get("relatedId"));
    assertNotNull(taskInput.get("due"));
    Map<?, ?> told = (Map<?, ?>) step(done, "tell").get("input");
    assertEquals("IN_APP", told.get("channel"));
    assertEquals(owner, told.get("to"));
    assertEquals("钱八" + run + " 已联系", told.get("body"));
    assertEquals("钱八" + run + " contacted", told.get("bodyEn"));
    Map<?, ?> paused = (Map<?, ?>) step(done, "pause").get("input");
    assertEquals("duration", paused.get("type"));
    assertEquals("PT1S", paused.get("duration"));
    assertNotNull(paused.get("due"));
  }

  @Test
  void testFlowDescribesEveryEffectAndAppliesNone() {
    String name = "dry" + run;
    Map<String, Object> task = ownerTask("task", "回访 {{name}}", "Call back {{name}}");
    task.put("wait", true);
    Gql.publish(flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "set", "type", "updateRecord", "set", Map.of("status", "'hot'")),
            Map.of("id", "which", "type", "condition", "branches", List.of(Map.of("name", "hot", "condition", "status == 'hot'"))),
            task,
            Map.of("id", "tell", "type", "notify", "channel", "inApp", "to", Map.of("type", "recordOwner"),
                "message", Map.of("body", label("{{name}} 很热", "{{name}} is hot")))),
        List.of(edge("trigger", "set"), edge("set", "which"), edge("which", "task", "hot"), edge("task", "tell"))));
    String id = create("试运行" + run, "dry");
    JsonPath r = Gql.ok("mutation { testFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { version path { node status branch }"
        + " effects } }");
    assertEquals(List.of("set", "which", "task", "tell"), r.getList("data.testFlow.path.node"));
    assertEquals("hot", r.getString("data.testFlow.path[1].branch"));
    assertEquals("waitSkipped", r.getString("data.testFlow.path[2].status"));
    assertEquals(List.of("updateRecord", "createTask", "notify"), r.getList("data.testFlow.effects.type"));
    assertEquals("回访 试运行" + run, r.getString("data.testFlow.effects[1].title"));
    // nothing was applied
    assertEquals(null, Gql.ok("{ " + lead + "(id: \"" + id + "\") { status } }").getString("data." + lead + ".status"));
    assertEquals(0, Gql.ok("{ tasks(filter: {relatedId: {eq: \"" + id + "\"}}) { nodes { id } } }").getList("data.tasks.nodes").size());
    assertEquals(0, instances(name, id).getList("data.flowInstances").size());
  }

  @Test
  void theAssignNodeReassignsThroughTheAssignmentRuleAndWaitsCountWorkingTime() {
    String deal = Gql.unique("deal");
    String Deal = Character.toUpperCase(deal.charAt(0)) + deal.substring(1);
    Gql.publish(entity(deal, field("name", "text")));
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "assignmentRule");
    rule.put("name", "deals" + run);
    rule.put("label", label("商机分配", "Deal assignment"));
    rule.put("entity", deal);
    rule.put("entries", List.of(Map.of("name", "all", "label", label("全部", "All"), "when", "true",
        "target", Map.of("type", "user", "key", manager))));
    Map<String, Object> calendar = new LinkedHashMap<>();
    calendar.put("kind", "calendar");
    calendar.put("name", "office" + run);
    calendar.put("label", label("办公时间", "Office hours"));
    calendar.put("workingDays", List.of("mon", "tue", "wed", "thu", "fri"));
    calendar.put("workingHours", List.of(Map.of("from", "09:00", "to", "18:00")));
    String name = "reassign" + run;
    Map<String, Object> pause = new LinkedHashMap<>();
    pause.put("id", "pause");
    pause.put("type", "wait");
    pause.put("duration", "PT4H");
    pause.put("calendar", "office" + run);
    Map<String, Object> f = flow(name, Map.of("type", "manual", "entity", deal),
        List.of(Map.of("id", "give", "type", "assign", "rule", "deals" + run), pause),
        List.of(edge("trigger", "give"), edge("give", "pause")));
    Gql.publish(rule, calendar, f);
    String id = Gql.ok("mutation { create" + Deal + "(input: {name: \"大单\", ownerId: \"" + owner + "\"}) { id ownerId } }")
        .getString("data.create" + Deal + ".id");
    java.time.Instant before = java.time.Instant.now();
    Gql.ok("mutation { startFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { id } }");
    Map<String, Object> waiting = awaitInstance(name, id, i -> "waiting".equals(i.get("status")));
    assertEquals(manager, Gql.ok("{ " + deal + "(id: \"" + id + "\") { ownerId } }").getString("data." + deal + ".ownerId"));
    Map<?, ?> given = (Map<?, ?>) step(waiting, "give").get("input");
    assertEquals("deals" + run, given.get("rule"));
    assertEquals(Map.of("type", "user", "key", manager), given.get("target"));
    Map<?, ?> paused = (Map<?, ?>) step(waiting, "pause").get("input");
    assertEquals("PT4H", paused.get("duration"));
    assertEquals("office" + run, paused.get("calendar"));
    assertNotNull(paused.get("due"));
    @SuppressWarnings("unchecked")
    Map<String, Object> token = ((List<Map<String, Object>>) waiting.get("tokens")).get(0);
    JsonPath due = Gql.ok("query Q($f: String, $r: ID) { flowInstances(flow: $f, recordId: $r) { tokens { dueAt } } }",
        Map.of("f", name, "r", id));
    java.time.Instant dueAt = java.time.OffsetDateTime.parse(due.getString("data.flowInstances[0].tokens[0].dueAt")).toInstant();
    dev.tessera.metamodel.time.WorkingTime office = new dev.tessera.metamodel.time.WorkingTime(
        dev.tessera.metamodel.json.CalendarJson.calendar(dev.tessera.metamodel.json.MetamodelJson.mapper().valueToTree(calendar)));
    java.time.Instant expected = office.plus(before, java.time.Duration.ofHours(4));
    assertTrue(Math.abs(java.time.Duration.between(expected, dueAt).toSeconds()) < 60,
        "due " + dueAt + ", four working hours after " + before + " is " + expected + " (" + token + ")");
  }

  @Test
  void subFlowsRunOnTheRecordAndOnEachRelatedRecord() {
    String contact = Gql.unique("contact");
    String Contact = Character.toUpperCase(contact.charAt(0)) + contact.substring(1);
    Gql.publish(entity(contact, field("name", "text"), field(lead, "reference", "target", lead)));
    String child = "child" + run;
    String each = "each" + run;
    String parent = "parent" + run;
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("id", "sub");
    call.put("type", "callFlow");
    call.put("flow", child);
    call.put("wait", true);
    Gql.publish(
        flow(child, Map.of("type", "manual", "entity", lead),
            List.of(Map.of("id", "pause", "type", "wait", "duration", "PT1S"),
                Map.of("id", "score", "type", "updateRecord", "set", Map.of("score", "7"))),
            List.of(edge("trigger", "pause"), edge("pause", "score"))),
        flow(each, Map.of("type", "manual", "entity", contact),
            List.of(Map.of("id", "mark", "type", "updateRecord", "set", Map.of("name", "name + '✓'"))),
            List.of(edge("trigger", "mark"))),
        flow(parent, Map.of("type", "manual", "entity", lead),
            List.of(call,
                Map.of("id", "after", "type", "updateRecord", "set", Map.of("status", "'score ' + text(score)")),
                Map.of("id", "all", "type", "forEach", "entity", contact, "via", lead, "flow", each)),
            List.of(edge("trigger", "sub"), edge("sub", "after"), edge("after", "all"))));
    String id = create("父" + run, "sub");
    List<String> contacts = new ArrayList<>();
    for (String n : List.of("甲", "乙")) {
      contacts.add(Gql.ok("mutation { create" + Contact + "(input: {name: \"" + n + "\", " + lead + ": \"" + id + "\"}) { id } }")
          .getString("data.create" + Contact + ".id"));
    }
    Gql.ok("mutation { startFlow(flow: \"" + parent + "\", recordId: \"" + id + "\") { id } }");
    Map<String, Object> done = awaitInstance(parent, id, i -> "completed".equals(i.get("status")));
    assertEquals(List.of("sub:completed", "after:completed", "all:completed"), nodes(done));
    // the parent waited for the child: it saw the score the child set
    assertEquals("score 7", Gql.ok("{ " + lead + "(id: \"" + id + "\") { status } }").getString("data." + lead + ".status"));
    for (String c : contacts) {
      awaitInstance(each, c, i -> "completed".equals(i.get("status")));
      assertTrue(Gql.ok("{ " + contact + "(id: \"" + c + "\") { name } }").getString("data." + contact + ".name").endsWith("✓"));
    }
  }

  @Test
  void waitingInstancesMoveToTheNewVersionOnlyWithAValidNodeMapping() {
    String name = "migrate" + run;
    Gql.publish(flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "pause", "type", "wait", "duration", "PT1H"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'v1'"))),
        List.of(edge("trigger", "pause"), edge("pause", "mark"))));
    String id = create("迁移" + run, "migrate");
    Gql.ok("mutation { startFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { id } }");
    awaitInstance(name, id, i -> "waiting".equals(i.get("status")));
    Gql.publish(flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "hold", "type", "wait", "duration", "PT1H"),
            Map.of("id", "mark2", "type", "updateRecord", "set", Map.of("status", "'v2'"))),
        List.of(edge("trigger", "hold"), edge("hold", "mark2"))));
    String migrate = "mutation M($m: [FlowNodeMapping!]) { migrateFlowInstances(flow: \"" + name + "\", fromVersion: 1,"
        + " mapping: $m) { toVersion instances applied problems { node code message } } }";
    // no counterpart for the waiting node: refused with the reason, nothing moves
    JsonPath refused = Gql.post(null, "zh-CN", migrate, Map.of());
    assertEquals(false, refused.getBoolean("data.migrateFlowInstances.applied"), refused.prettify());
    assertEquals("MIGRATE_NO_NODE", refused.getString("data.migrateFlowInstances.problems[0].code"));
    assertTrue(refused.getString("data.migrateFlowInstances.problems[0].message").contains("pause"), refused.prettify());
    // a waiting node mapped onto a node of another type: refused too
    JsonPath wrongType = Gql.ok(migrate, Map.of("m", List.of(Map.of("from", "pause", "to", "mark2"))));
    assertEquals("MIGRATE_OTHER_TYPE", wrongType.getString("data.migrateFlowInstances.problems[0].code"));
    assertEquals(1, instances(name, id).getInt("data.flowInstances[0].version"));
    // a valid mapping moves it; it goes on in the new version
    JsonPath moved = Gql.ok(migrate, Map.of("m", List.of(Map.of("from", "pause", "to", "hold"))));
    assertEquals(true, moved.getBoolean("data.migrateFlowInstances.applied"), moved.prettify());
    assertEquals(2, moved.getInt("data.migrateFlowInstances.toVersion"));
    assertEquals(1, moved.getInt("data.migrateFlowInstances.instances"));
    JsonPath after = instances(name, id);
    assertEquals(2, after.getInt("data.flowInstances[0].version"));
    assertEquals("hold", after.getString("data.flowInstances[0].tokens[0].node"));
  }

  @Test
  void aFlowRunAsAUserSeesAndWritesWhatItsRolesAllow() {
    // the role reads every lead but not its source, and may write the status only
    String role = "flowClerk" + run;
    Gql.publish(Map.of("kind", "role", "name", role, "label", label("流程文员", "Flow clerk"), "entities",
        Map.of(lead, Map.of("create", false, "read", true, "update", true, "delete", false, "scope", "all",
            "fields", Map.of("source", "none", "name", "read", "score", "read")))));
    String clerk = Gql.unique("clerk");
    Gql.ok("mutation U($i: UserInput!) { createUser(input: $i) { id } }",
        Map.of("i", Map.of("username", clerk, "name", clerk, "roles", List.of(role))));
    String name = "runas" + run;
    Map<String, Object> f = flow(name, Map.of("type", "manual", "entity", lead),
        List.of(Map.of("id", "peek", "type", "setVariable", "name", "seen", "value", "ifBlank(source, 'hidden')"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "vars.seen")),
            Map.of("id", "bump", "type", "updateRecord", "set", Map.of("score", "1"),
                "retry", Map.of("maxAttempts", 1, "backoff", "PT0.1S"))),
        List.of(edge("trigger", "peek"), edge("peek", "mark"), edge("mark", "bump")));
    f.put("runAs", Map.of("type", "user", "username", clerk));
    Gql.publish(f);
    String id = create("代办" + run, "secret-source");
    Gql.ok("mutation { startFlow(flow: \"" + name + "\", recordId: \"" + id + "\") { id } }");
    Map<String, Object> failed = awaitInstance(name, id, i -> "failed".equals(i.get("status")));
    // it read the record without the hidden source, wrote the status, and was refused the read-only score
    assertEquals("hidden", Gql.ok("{ " + lead + "(id: \"" + id + "\") { status } }").getString("data." + lead + ".status"));
    assertTrue(nodes(failed).contains("bump:failed"), String.valueOf(failed));
    JsonPath incidents = Gql.ok("query Q($f: String) { incidents(flow: $f) { node error } }", Map.of("f", name));
    assertTrue(incidents.getString("data.incidents[0].error").contains("FORBIDDEN"), incidents.prettify());
  }
}
