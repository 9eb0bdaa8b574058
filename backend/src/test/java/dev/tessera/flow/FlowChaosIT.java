package dev.tessera.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.PackagedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos: a stream of leads starts a flow with a task, a timer, an in-app message (through the outbox),
 * an outgoing webhook (to a receiver in this JVM), an assignment through a round-robin rule and a record
 * update, while the app is killed (kill -9) five times and PostgreSQL — a cluster the test creates for
 * itself, never the machine's — is stopped immediately ({@code pg_ctlcluster ... stop -m immediate})
 * five times. Afterwards every lead has exactly one instance, which ended, one task, one message, one
 * webhook idempotency key (a key may arrive again: the receiver dedupes by it), one assignment and
 * one update: nothing lost, nothing twice.
 */
class FlowChaosIT {
  private static final String VERSION = System.getenv().getOrDefault("TESSERA_PG_VERSION", "15");
  private static final String CLUSTER = "tessera_chaos_" + ProcessHandle.current().pid();
  private static final int ROUNDS = 5;
  private static int pgPort;
  private PackagedApp app;

  @BeforeAll
  static void cluster() throws Exception {
    pgPort = PackagedApp.freePort();
    run("pg_createcluster", VERSION, CLUSTER, "-p", Integer.toString(pgPort), "--", "--auth=trust");
    run("pg_ctlcluster", VERSION, CLUSTER, "start");
    psql("postgres", "CREATE DATABASE tessera");
  }

  @AfterAll
  static void dropCluster() throws Exception {
    run("pg_dropcluster", "--stop", VERSION, CLUSTER);
  }

  @Test
  void noInstanceIsLostAndNoEffectHappensTwice() throws Exception {
    // the webhook receiver: every delivery's idempotency key, counted (it answers a repeated key alike)
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst("X-Tessera-Idempotency-Key");
      deliveries.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
      byte[] answer = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.start();
    int port = PackagedApp.freePort();
    app = start(port);
    for (String rep : REPS) {
      app.graphql("mutation { createUser(input: {username: \"" + rep + "\", name: \"" + rep + "\", status: \"active\","
          + " workingDays: [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]}) { id } }");
    }
    String team = app.graphql("mutation { createTeam(input: {code: \"chaosReps\", name: \"chaosReps\"}) { id } }")
        .getJsonObject("data").getJsonObject("createTeam").getString("id");
    for (String rep : REPS) {
      String user = app.graphql("{ users(filter: {username: {eq: \"" + rep + "\"}}) { nodes { id } } }").getJsonObject("data")
          .getJsonObject("users").getJsonArray("nodes").getJsonObject(0).getString("id");
      app.graphql("mutation { createTeamMember(input: {team: \"" + team + "\", member: \"" + user + "\"}) { id } }");
    }
    // not active: only the flow's assign node runs it (a create does not)
    JsonObject rule = new JsonObject(Map.of("kind", "assignmentRule", "name", "chaosRule", "active", false,
        "label", Map.of("zh-CN", "轮流分配", "en", "Round robin"), "entity", "chaosLead",
        "entries", List.of(Map.of("name", "all", "label", Map.of("zh-CN", "全部", "en", "All"), "when", "true",
            "target", Map.of("type", "team", "key", "chaosReps"), "strategy", Map.of("type", "roundRobin")))));
    JsonObject entity = new JsonObject(Map.of("kind", "entity", "name", "chaosLead",
        "label", Map.of("zh-CN", "线索", "en", "Lead"),
        "fields", List.of(Map.of("name", "name", "type", "text", "label", Map.of("zh-CN", "名称", "en", "Name")),
            Map.of("name", "status", "type", "text", "label", Map.of("zh-CN", "状态", "en", "Status")))));
    JsonObject flow = new JsonObject(Map.of("kind", "flow", "name", "chaosFlow",
        "label", Map.of("zh-CN", "混沌流程", "en", "Chaos flow"),
        "trigger", Map.of("type", "recordCreated", "entity", "chaosLead"),
        "nodes", List.of(
            Map.of("id", "task", "type", "createTask", "assignee", Map.of("type", "user", "username", "admin"),
                "title", Map.of("zh-CN", "联系 {{name}}", "en", "Call {{name}}"), "dueInDays", 1),
            Map.of("id", "pause", "type", "wait", "duration", "PT2S"),
            Map.of("id", "tell", "type", "notify", "channel", "inApp", "to", Map.of("type", "user", "username", "admin"),
                "message", Map.of("body", Map.of("zh-CN", "{{name}} 待跟进", "en", "{{name}} to follow up"))),
            Map.of("id", "ask", "type", "callWebhook", "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "body", Map.of("name", "name")),
            Map.of("id", "give", "type", "assign", "rule", "chaosRule"),
            Map.of("id", "mark", "type", "updateRecord", "set", Map.of("status", "'done'"))),
        "edges", List.of(Map.of("from", "trigger", "to", "task"), Map.of("from", "task", "to", "pause"),
            Map.of("from", "pause", "to", "tell"), Map.of("from", "tell", "to", "ask"), Map.of("from", "ask", "to", "give"),
            Map.of("from", "give", "to", "mark"))));
    JsonObject published = app.graphql("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        new JsonObject().put("d", new JsonArray().add(entity).add(rule).add(flow)));
    assertTrue(published.getJsonObject("data").getJsonObject("publishDefinitions").getBoolean("applied"), published.encode());

    // the stream: leads created every 50 ms by a writer that keeps going whatever is down
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    Thread writer = new Thread(() -> {
      int i = 0;
      while (writing.get()) {
        try {
          PackagedApp a = app;
          JsonObject r = new JsonObject(a.post("mutation { createChaosLead(input: {name: \"线索" + (i++) + "\"}) { id } }").body());
          if (r.getJsonObject("data") != null && r.getJsonObject("data").getValue("createChaosLead") != null) {
            written.incrementAndGet();
          }
        } catch (Exception down) {
          // the app or the database is down: try again
        }
        sleep(50);
      }
    });
    writer.start();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        sleep(2500);
        app.kill();
        app = start(port);
        sleep(2500);
        run("pg_ctlcluster", VERSION, CLUSTER, "stop", "-m", "immediate");
        sleep(1500);
        run("pg_ctlcluster", VERSION, CLUSTER, "start");
      }
      sleep(2000);
    } finally {
      writing.set(false);
      writer.join();
    }
    assertTrue(written.get() > 20, "the stream wrote leads: " + written.get());

    // every instance ends
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String open = "";
    while (System.nanoTime() < deadline) {
      open = psql("tessera", "SELECT count(*) FROM tessera_flow_instance WHERE ended_at IS NULL").trim();
      String unfed = psql("tessera", "SELECT count(*) FROM tessera_change WHERE position IS NULL").trim();
      if ("0".equals(open) && "0".equals(unfed) && leadsWithoutInstance() == 0) {
        break;
      }
      sleep(500);
    }
    assertEquals("0", open, "instances still open; see " + app.log());
    String table = LEADS;
    int leads = Integer.parseInt(psql("tessera", "SELECT count(*) FROM " + table + " WHERE deleted_at IS NULL").trim());
    assertTrue(leads >= written.get(), "every lead the writer was told about exists: " + leads + " < " + written.get());
    System.out.printf("flow chaos: %d leads (%d acknowledged to the writer) through %d app kills and %d database stops%n",
        leads, written.get(), ROUNDS, ROUNDS);
    // 0 lost: one completed instance per lead
    assertEquals(0, leadsWithoutInstance(), "leads without an instance");
    assertEquals("0", psql("tessera", "SELECT count(*) FROM (SELECT record_id FROM tessera_flow_instance GROUP BY record_id"
        + " HAVING count(*) > 1) x").trim(), "leads with two instances");
    assertEquals(Integer.toString(leads), psql("tessera",
        "SELECT count(*) FROM tessera_flow_instance WHERE status = 'completed' AND outcome = 'end'").trim());
    // 0 twice: one task, one message, one update per lead
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(*) FROM tessera_flow_instance i"
        + " JOIN " + TASKS + " t ON t.data ->> 'relatedId' = i.record_id::text").trim(), "tasks");
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(DISTINCT t.data ->> 'relatedId') FROM "
        + TASKS + " t").trim(), "leads with a task");
    assertEquals(Integer.toString(leads), psql("tessera",
        "SELECT count(*) FROM tessera_notification WHERE kind = 'flow'").trim(), "messages");
    assertEquals(Integer.toString(leads), psql("tessera",
        "SELECT count(DISTINCT record_id) FROM tessera_notification WHERE kind = 'flow'").trim(), "leads with a message");
    // one webhook key per instance (flow:<instance>:ask:<visit>); a key delivered again is the same call
    receiver.stop(0);
    Map<String, List<String>> keysByInstance = new java.util.HashMap<>();
    deliveries.keySet().forEach(k -> keysByInstance.computeIfAbsent(k.split(":")[1], x -> new java.util.ArrayList<>()).add(k));
    assertEquals(leads, deliveries.size(), "distinct webhook keys");
    assertEquals(leads, keysByInstance.size(), "instances that called the webhook");
    keysByInstance.forEach((instance, keys) -> assertEquals(1, keys.size(), "keys of instance " + instance + ": " + keys));
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(*) FROM tessera_flow_instance WHERE id::text = ANY('{"
        + String.join(",", keysByInstance.keySet()) + "}'::text[])").trim(), "keys naming this run's instances");
    int again = deliveries.values().stream().mapToInt(n -> n.get() - 1).sum();
    // one assignment per lead: one trace, the owner it names, one of the team
    assertEquals(Integer.toString(leads), psql("tessera",
        "SELECT count(*) FROM tessera_assignment_trace WHERE entity = 'chaosLead'").trim(), "assignments");
    assertEquals(Integer.toString(leads), psql("tessera",
        "SELECT count(DISTINCT record_id) FROM tessera_assignment_trace WHERE entity = 'chaosLead'").trim(), "leads assigned");
    // (the rotation's turns come from a sequence, which a rolled-back step does not give back: not counted)
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(*) FROM tessera_assignment_trace t JOIN " + table
        + " l ON l.id = t.record_id WHERE t.entity = 'chaosLead' AND t.owner_id = l.owner_id").trim(),
        "leads owned by whom their one trace names");
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(*) FROM " + table + " WHERE owner_id IN ('"
        + String.join("', '", REPS) + "')").trim(), "leads owned by the team");
    // the owner change and the status update: version 3, once each
    assertEquals(Integer.toString(leads), psql("tessera", "SELECT count(*) FROM " + table
        + " WHERE data ->> 'status' = 'done' AND version = 3").trim(), "leads updated exactly once");
    System.out.printf("flow chaos: %d webhook keys, %d repeated deliveries of a key%n", deliveries.size(), again);
    app.stop();
  }

  /** The team the assignment rule turns through. */
  private static final List<String> REPS = List.of("chaosRep1", "chaosRep2");

  /** The tables of the leads and of the built-in tasks. */
  private static final String LEADS = "\"rec_chaosLead\"";
  private static final String TASKS = "rec_task";

  private static int leadsWithoutInstance() throws Exception {
    String table = LEADS;
    return Integer.parseInt(psql("tessera", "SELECT count(*) FROM " + table + " l WHERE NOT EXISTS (SELECT 1 FROM"
        + " tessera_flow_instance i WHERE i.record_id = l.id)").trim());
  }

  private static PackagedApp start(int port) throws Exception {
    return PackagedApp.start("flow-chaos", port, Map.of("TESSERA_DB_URL", "postgresql://127.0.0.1:" + pgPort + "/tessera",
        "TESSERA_FLOWS_POLL", "PT0.1S"), Duration.ofSeconds(120));
  }

  private static String psql(String db, String sql) throws Exception {
    return run("psql", "-h", "127.0.0.1", "-p", Integer.toString(pgPort), "-U", "postgres", "-Atqc", sql, db);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
