package dev.tessera.change;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.TxRunner;
import dev.tessera.record.ChangeLog;
import dev.tessera.record.RecordChanged;
import dev.tessera.support.FeedRounds;
import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The change feed: every write appends its change in its own transaction (a rolled-back one appends
 * nothing), with changed fields, actor and source path; owner changes by claims and assignment re-runs
 * are changes too; positions follow commit order (a transaction that commits late is positioned late),
 * so per-record order holds under concurrent writers; a checkpoint is served by one node at a time
 * (SKIP LOCKED); delivered changes are pruned after the retention, undelivered never.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ChangeFeedComponentTest {
  @Inject
  ChangeDispatcher dispatcher;
  @Inject
  ChangeFeedStore feed;
  @Inject
  ChangeLog log;
  @Inject
  TxRunner tx;

  private static final String HISTORY = "query H($e: String!, $id: ID!) { recordHistory(entity: $e, id: $id, first: 100) "
      + "{ entries { id operation version changes { field before after } ownerBefore ownerAfter actor path at } } }";

  @Test
  void everyWritePathAppendsItsChangeWithFieldsActorAndSource() {
    String e = Gql.unique("deal");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    String pool = Gql.unique("open");
    String mei = Staff.user(Gql.unique("mei"), "active");
    JsonPath p = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(e, field("title", "text"), field("amount", "money")),
            Map.of("kind", "pool", "name", pool, "label", label("公海", "Pool"), "entity", e),
            Map.of("kind", "assignmentRule", "name", Gql.unique("route"), "label", label("分配", "Route"), "entity", e,
                "entries", List.of(Map.of("name", "all", "label", label("全部", "All"), "target", Map.of("type", "user", "key", mei)))))));
    assertTrue(p.getBoolean("data.publishDefinitions.applied"), p.prettify());

    String id = Gql.post("ana", "en", "mutation { create" + E + "(input: {title: \"a\", amount: 5}) { id } }", Map.of())
        .getString("data.create" + E + ".id");
    Gql.post("ana", "en", "mutation { update" + E + "(id: \"" + id + "\", version: 1, patch: {amount: 7}) { id } }", Map.of());
    assertNotNull(Gql.post("ana", "en", "mutation { update" + E + "(id: \"" + id + "\", version: 1, patch: {amount: 9}) { id } }",
        Map.of()).get("errors"), "a refused write appends nothing");
    JsonPath released = Gql.post(mei, "en", "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }", Map.of());
    assertNull(released.get("errors"), released.prettify());
    round();

    List<Map<String, Object>> changes = history(e, id);
    assertEquals(List.of("UPDATE", "UPDATE", "CREATE"), changes.stream().map(c -> c.get("operation")).toList(), changes.toString());
    Map<String, Object> created = changes.get(2);
    assertEquals("graphql", created.get("source"));
    assertEquals("ana", created.get("actor"));
    assertEquals(mei, created.get("ownerAfter"), "the assignment rule's owner");
    assertEquals("a", ((Map<?, ?>) ((Map<?, ?>) created.get("changes")).get("title")).get("after"));
    assertEquals("pool", changes.get(0).get("source"), "the release");
    assertEquals(mei, changes.get(0).get("ownerBefore"));
    assertNull(changes.get(0).get("ownerAfter"));
    Map<?, ?> amount = (Map<?, ?>) ((Map<?, ?>) changes.get(1).get("changes")).get("amount");
    assertEquals(5, ((Number) amount.get("before")).intValue());
    assertEquals(7, ((Number) amount.get("after")).intValue());
    assertEquals(1, ((Map<?, ?>) changes.get(1).get("changes")).size(), "only the changed field");
    assertTrue(Long.parseLong((String) changes.get(0).get("position")) > Long.parseLong((String) changes.get(1).get("position")));
    String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("tessera_changefeed_pending_changes{") && l.contains("subscriber=\"audit\"")),
        "the audit subscriber's lag is a metric");
  }

  @Test
  void importsClaimsAndAssignmentReRunsAreChangesWithTheirPath() {
    String e = Gql.unique("lead");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    String plural = E + "s";
    String pool = Gql.unique("pub");
    String rule = Gql.unique("route");
    String lin = Staff.user(Gql.unique("lin"), "active");
    String zhao = Staff.user(Gql.unique("zhao"), "active");
    JsonPath p = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(e, field("name", "text"), field("city", "text")),
            Map.of("kind", "pool", "name", pool, "label", label("公海", "Pool"), "entity", e),
            Map.of("kind", "assignmentRule", "name", rule, "label", label("分配", "Route"), "entity", e,
                "entries", List.of(Map.of("name", "bj", "label", label("北京", "Beijing"), "when", "city == 'bj'",
                    "target", Map.of("type", "user", "key", lin))),
                "fallback", Map.of("type", "pool", "key", pool)))));
    assertTrue(p.getBoolean("data.publishDefinitions.applied"), p.prettify());
    JsonPath imported = Gql.ok("mutation { import" + plural + "(inputs: [{name: \"x\", city: \"sh\"}]) { rows { id status } } }");
    String id = imported.getString("data.import" + plural + ".rows[0].id");
    assertNotNull(id, imported.prettify());
    Gql.post(zhao, "en", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }", Map.of());
    Gql.ok("mutation { update" + E + "(id: \"" + id + "\", version: 2, patch: {city: \"bj\"}) { id } }");
    JsonPath rerun = Gql.ok("mutation { runAssignment(entity: \"" + e + "\", ids: [\"" + id + "\"]) { id owner } }");
    round();
    List<Map<String, Object>> changes = history(e, id);
    assertEquals(List.of("assignment", "graphql", "pool", "import"), changes.stream().map(c -> c.get("source")).toList(),
        changes + "\n" + rerun.prettify());
    assertEquals(zhao, changes.get(2).get("ownerAfter"), "the claim");
    assertEquals(zhao, changes.get(0).get("ownerBefore"));
    assertEquals(lin, changes.get(0).get("ownerAfter"), "the re-run gave it to lin, through the record service");
  }

  @Test
  void concurrentWritersKeepEachRecordsOrder() throws Exception {
    String e = Gql.unique("acct");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    JsonPath p = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(e, field("n", "number")))));
    assertTrue(p.getBoolean("data.publishDefinitions.applied"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(Gql.ok("mutation { create" + E + "(input: {n: 0}) { id } }").getString("data.create" + E + ".id"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String id = ids.get(t % ids.size());
      done.add(pool.submit(() -> {
        for (int k = 0; k < 10; k++) {
          for (int attempt = 0; attempt < 50; attempt++) {
            JsonPath cur = Gql.ok("{ " + e + "(id: \"" + id + "\") { version n } }");
            int v = cur.getInt("data." + e + ".version");
            JsonPath r = Gql.post("mutation { update" + E + "(id: \"" + id + "\", version: " + v + ", patch: {n: " + (v + 1) + "}) { id } }");
            if (r.get("errors") == null) {
              break;
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    round();
    for (String id : ids) {
      List<Map<String, Object>> changes = new ArrayList<>(history(e, id));
      java.util.Collections.reverse(changes);
      List<Integer> versions = changes.stream().map(c -> (Integer) c.get("version")).toList();
      for (int i = 0; i < versions.size(); i++) {
        assertEquals(i + 1, versions.get(i), "positions follow each record's versions: " + versions);
      }
      assertEquals(21, versions.size());
    }
  }

  @Test
  void aTransactionThatCommitsLateIsPositionedLate() {
    UUID early = UUID.randomUUID();
    UUID late = UUID.randomUUID();
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<Void> appended = new CompletableFuture<>();
    // the first transaction appends (taking the lower id) and holds its commit
    Uni<Void> slow = tx.inTransaction(t -> log.append(t, List.of(change(early)))
        .invoke(() -> appended.complete(null)).chain(() -> Uni.createFrom().completionStage(release)));
    CompletableFuture<Void> slowDone = slow.subscribeAsCompletionStage().toCompletableFuture();
    appended.join();
    tx.inTransaction(t -> log.append(t, List.of(change(late)))).await().atMost(Duration.ofSeconds(10));
    tx.inTransaction(t -> feed.sequence(t, 1000)).await().atMost(Duration.ofSeconds(10));
    release.complete(null);
    slowDone.join();
    tx.inTransaction(t -> feed.sequence(t, 1000)).await().atMost(Duration.ofSeconds(10));
    long head = tx.withConnection(feed::status).await().atMost(Duration.ofSeconds(10)).head();
    List<Change> tail = tx.withConnection(t -> feed.after(t, Math.max(0, head - 50), 100)).await().atMost(Duration.ofSeconds(10));
    long pLate = tail.stream().filter(c -> c.recordId().equals(late)).findFirst().orElseThrow().position();
    long pEarly = tail.stream().filter(c -> c.recordId().equals(early)).findFirst().orElseThrow().position();
    assertTrue(pEarly > pLate, "committed later, positioned later: early " + pEarly + ", late " + pLate);
  }

  @Test
  void aCheckpointIsServedByOneNodeAtATime() {
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<Long> held = new CompletableFuture<>();
    CompletableFuture<Void> first = tx.inTransaction(t -> feed.lock(t, "audit").invoke(held::complete)
        .chain(() -> Uni.createFrom().completionStage(release))).subscribeAsCompletionStage().toCompletableFuture();
    assertNotNull(held.join(), "the first node holds the audit checkpoint");
    Long second = tx.inTransaction(t -> feed.lock(t, "audit")).await().atMost(Duration.ofSeconds(10));
    assertNull(second, "another node skips it instead of waiting");
    release.complete(null);
    first.join();
    assertNotNull(lockWithin(Duration.ofSeconds(10)), "released with its transaction (a background round may hold it a moment)");
  }

  /** The audit checkpoint locked by this test's transaction, tried until {@code wait} has passed; null if never. */
  private Long lockWithin(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    Long position = null;
    while (position == null && System.nanoTime() < deadline) {
      position = tx.inTransaction(t -> feed.lock(t, "audit")).await().atMost(Duration.ofSeconds(10));
      if (position == null) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
    return position;
  }

  @Test
  void onlyChangesEverySubscriberHasTakenArePruned() {
    UUID id = UUID.randomUUID();
    tx.inTransaction(t -> log.append(t, List.of(change(id)))).await().atMost(Duration.ofSeconds(10));
    round();
    tx.inTransaction(t -> feed.register(t, "slowpoke")).await().atMost(Duration.ofSeconds(10));
    UUID after = UUID.randomUUID();
    tx.inTransaction(t -> log.append(t, List.of(change(after)))).await().atMost(Duration.ofSeconds(10));
    tx.inTransaction(t -> feed.sequence(t, 1000)).await().atMost(Duration.ofSeconds(10));
    int pruned = tx.inTransaction(t -> feed.prune(t, Duration.ZERO)).await().atMost(Duration.ofSeconds(10));
    assertTrue(pruned >= 1, "the delivered change went");
    List<Change> left = tx.withConnection(t -> feed.after(t, 0, 10_000)).await().atMost(Duration.ofSeconds(10));
    assertTrue(left.stream().noneMatch(c -> c.recordId().equals(id)));
    assertTrue(left.stream().anyMatch(c -> c.recordId().equals(after)), "not yet taken by the new subscriber, so kept");
    tx.inTransaction(t -> feed.lock(t, "slowpoke").chain(p -> feed.advance(t, "slowpoke", Long.MAX_VALUE / 2, 0)))
        .await().atMost(Duration.ofSeconds(10));
  }

  private static RecordChanged change(UUID id) {
    return new RecordChanged("probe", id, RecordChanged.Operation.CREATE, null, Map.of("x", 1), 1, "t", null, null, "test");
  }

  private void round() {
    FeedRounds.catchUp(dispatcher);
  }

  /** A record's history, each entry as the feed's change: position, source and changes {field: {before, after}}. */
  private static List<Map<String, Object>> history(String e, String id) {
    List<Map<String, Object>> entries = Gql.ok(HISTORY, Map.of("e", e, "id", id)).getList("data.recordHistory.entries");
    return entries.stream().map(x -> {
      Map<String, Object> c = new java.util.HashMap<>(x);
      c.put("position", x.get("id"));
      c.put("source", x.get("path"));
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      for (Object f : (List<?>) x.get("changes")) {
        Map<?, ?> fc = (Map<?, ?>) f;
        Map<String, Object> pair = new java.util.HashMap<>();
        pair.put("before", fc.get("before"));
        pair.put("after", fc.get("after"));
        fields.put((String) fc.get("field"), pair);
      }
      c.put("changes", fields);
      return c;
    }).toList();
  }
}
