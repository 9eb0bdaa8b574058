package dev.tessera.pool;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Public pools: records an assignment rule sends to a pool wait unowned; claiming makes the claimant
 * the owner; of many simultaneous claims exactly one wins; limits and cool-down hold.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PoolComponentTest {
  static String lead;
  static String Lead;
  static String pool;
  static String capped;

  @Inject
  PoolService pools;

  @BeforeEach
  void publishOnce() {
    if (lead != null) {
      return;
    }
    lead = Gql.unique("plead");
    Lead = Character.toUpperCase(lead.charAt(0)) + lead.substring(1);
    pool = Gql.unique("open");
    capped = Gql.unique("capped");
    Map<String, Object> p = new LinkedHashMap<>(Map.of("kind", "pool", "name", pool, "label", label("公海", "Open pool"),
        "entity", lead, "cooldownDays", 3));
    Map<String, Object> c = new LinkedHashMap<>(Map.of("kind", "pool", "name", capped, "label", label("限额公海", "Capped pool"),
        "entity", lead, "claimLimits", Map.of("perDay", 2)));
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "assignmentRule", "name", Gql.unique("toPool"),
        "label", label("进公海", "To the pool"), "entity", lead,
        "entries", List.of(Map.of("name", "unowned", "label", label("无主", "Unowned"), "when", "name != 'direct'",
            "target", Map.of("type", "pool", "key", pool))),
        "fallback", Map.of("type", "pool", "key", capped)));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(lead, field("name", "text")), p, c, rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
  }

  static String create(String name) {
    JsonPath c = Gql.ok("mutation { create" + Lead + "(input: {name: \"" + name + "\"}) { id ownerId } }");
    assertNull(c.getString("data.create" + Lead + ".ownerId"), "waits unowned in the pool");
    return c.getString("data.create" + Lead + ".id");
  }

  static JsonPath as(String user, String query) {
    return RestAssured.given().contentType("application/json").header("Authorization", dev.tessera.support.TestUsers.bearer(user))
        .body(new JsonObject().put("query", query).encode()).post("/graphql").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void claimAndReleaseThroughGraphQl() {
    String id = create("via api");
    JsonPath won = as("wang", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id ownerId version"
        + " __typename ... on " + Lead + " { name } } }");
    assertEquals("wang", won.getString("data.claimRecord.ownerId"), won.prettify());
    assertEquals(Lead, won.getString("data.claimRecord.__typename"), "the claimed record itself, so a client cache stays fresh");
    assertTrue(won.getString("data.claimRecord.name") != null, won.prettify());
    JsonPath lost = as("li", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    assertEquals("ALREADY_CLAIMED", lost.getString("errors[0].extensions.code"), lost.prettify());
    JsonPath notMine = as("li", "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    assertEquals("FORBIDDEN", notMine.getString("errors[0].extensions.code"));
    JsonPath back = as("wang", "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { ownerId } }");
    assertNull(back.getString("data.releaseRecord.ownerId"), back.prettify());
    JsonPath cooling = as("wang", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    assertEquals("CLAIM_REFUSED", cooling.getString("errors[0].extensions.code"), "cool-down for the previous owner");
    assertEquals("li", as("li", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { ownerId } }")
        .getString("data.claimRecord.ownerId"));
  }

  @Test
  void aTeamsQueueIsTakenByOneOfItsMembersOnly() {
    String ticket = Gql.unique("ticket");
    String Ticket = Character.toUpperCase(ticket.charAt(0)) + ticket.substring(1);
    String team = Gql.unique("desk");
    String member = Gql.unique("zhou");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of()));
    Staff.user(member, "active");
    Staff.user(member + "b", "active");
    Staff.team(team, List.of(member, member + "b"));
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "assignmentRule", "name", Gql.unique("toQueue"),
        "label", label("进队列", "To the queue"), "entity", ticket,
        "entries", List.of(Map.of("name", "desk", "label", label("服务台", "Service desk"), "when", "true",
            "target", Map.of("type", "queue", "key", team)))));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(ticket, field("subject", "text")), rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    JsonPath c = Gql.ok("mutation { create" + Ticket + "(input: {subject: \"打印机坏了\"}) { id ownerId } }");
    assertNull(c.getString("data.create" + Ticket + ".ownerId"), "waits unowned in the team's queue");
    String id = c.getString("data.create" + Ticket + ".id");
    String take = "mutation { claimRecord(pool: \"queue:" + team + "\", id: \"" + id + "\") { ownerId } }";
    assertEquals("CLAIM_REFUSED", as(Gql.unique("outsider"), take).getString("errors[0].extensions.code"),
        "only members of the team take from its queue");
    assertEquals(member, as(member, take).getString("data.claimRecord.ownerId"));
    assertEquals("ALREADY_CLAIMED", as(member + "b", take).getString("errors[0].extensions.code"));
    JsonPath back = as(member, "mutation { releaseRecord(pool: \"queue:" + team + "\", id: \"" + id + "\") { id } }");
    assertEquals("BAD_REQUEST", back.getString("errors[0].extensions.code"), "a queue takes no releases, and says so");
    assertTrue(back.getString("errors[0].message").contains("owner"), back.prettify());
  }

  /** Owner changes seen by the async lane. */
  @jakarta.inject.Singleton
  static class OwnerChanges {
    static final java.util.concurrent.ConcurrentLinkedQueue<dev.tessera.record.RecordChanged> SEEN =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    void on(@jakarta.enterprise.event.ObservesAsync dev.tessera.record.RecordChanged e) {
      if (e.ownerChanged()) {
        SEEN.add(e);
      }
    }
  }

  @Test
  void claimsAndReleasesAreOwnerChangesTheAsyncLaneSees() throws Exception {
    String id = create("watched");
    String user = Gql.unique("sun");
    as(user, "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    as(user, "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    long deadline = System.currentTimeMillis() + 5000;
    List<String> seen = List.of();
    while (System.currentTimeMillis() < deadline) {
      seen = OwnerChanges.SEEN.stream().filter(e -> e.id().toString().equals(id))
          .map(e -> e.ownerBefore() + "->" + e.ownerAfter()).toList();
      if (seen.size() >= 2) {
        break;
      }
      Thread.sleep(20);
    }
    assertEquals(List.of("null->" + user, user + "->null"), seen);
  }

  @Test
  void aPoolListsItsRecordsLongestWaitingFirstPageByPage() {
    String p = Gql.unique("listed");
    Map<String, Object> def = new LinkedHashMap<>(Map.of("kind", "pool", "name", p, "label", label("列表公海", "Listed pool"),
        "entity", lead));
    assertTrue(Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(def)))
        .getBoolean("data.publishDefinitions.applied"));
    List<String> released = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = Gql.ok("mutation { create" + Lead + "(input: {name: \"direct\"}) { id } }").getString("data.create" + Lead + ".id");
      String owner = Gql.unique("o");
      pools.claim(capped, UUID.fromString(id), new Actor(owner)).await().indefinitely();
      as(owner, "mutation { releaseRecord(pool: \"" + p + "\", id: \"" + id + "\") { id } }");
      released.add(id);
    }
    JsonPath page1 = Gql.ok("{ poolRecords(pool: \"" + p + "\", first: 2) { id entity previousOwner enteredAt values"
        + " record { __typename id ... on " + Lead + " { name } } } }");
    assertEquals(released.subList(0, 2), page1.getList("data.poolRecords.id"), page1.prettify());
    assertEquals("direct", page1.getString("data.poolRecords[0].values.name"));
    assertEquals("direct", page1.getString("data.poolRecords[0].record.name"), "typed as the entity's own type");
    assertEquals(Lead, page1.getString("data.poolRecords[0].record.__typename"));
    assertTrue(page1.getString("data.poolRecords[0].previousOwner") != null);
    JsonPath page2 = Gql.ok("{ poolRecords(pool: \"" + p + "\", first: 2, after: \"" + released.get(1) + "\") { id } }");
    assertEquals(released.subList(2, 3), page2.getList("data.poolRecords.id"), page2.prettify());
    assertEquals("NOT_FOUND", Gql.post("{ poolRecords(pool: \"nosuchpool\") { id } }").getString("errors[0].extensions.code"));
  }

  @Test
  void theDailyCapRefusesTheThirdClaim() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(Gql.ok("mutation { create" + Lead + "(input: {name: \"direct\"}) { id } }").getString("data.create" + Lead + ".id"));
    }
    String user = Gql.unique("zhao");
    pools.claim(capped, UUID.fromString(ids.get(0)), new Actor(user)).await().indefinitely();
    pools.claim(capped, UUID.fromString(ids.get(1)), new Actor(user)).await().indefinitely();
    PlatformException third = org.junit.jupiter.api.Assertions.assertThrows(PlatformException.class,
        () -> pools.claim(capped, UUID.fromString(ids.get(2)), new Actor(user)).await().indefinitely());
    assertEquals(ErrorCode.CLAIM_REFUSED, third.code());
    assertTrue(third.message("zh-CN").contains("每日上限"), third.message("zh-CN"));
  }

  @Inject
  PoolRecycler recycler;

  @Test
  void recordsWithoutFollowUpGoBackToThePool() {
    String entity = Gql.unique("clue");
    String Entity = Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
    String recycling = Gql.unique("recycling");
    Map<String, Object> p = new LinkedHashMap<>(Map.of("kind", "pool", "name", recycling, "label", label("回收公海", "Recycling"),
        "entity", entity, "recycle", List.of(Map.of("name", "stale", "label", label("7 天未跟进", "No follow-up for 7 days"),
            "when", "daysSince(lastActivity) > 7 && status != 'won'"))));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(entity, field("lastActivity", "date"), field("status", "text")), p)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    String old = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(10).toString();
    String recent = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(2).toString();
    String stale = Gql.ok("mutation { create" + Entity + "(input: {lastActivity: \"" + old + "\", ownerId: \"wu\"}) { id } }")
        .getString("data.create" + Entity + ".id");
    Gql.ok("mutation { create" + Entity + "(input: {lastActivity: \"" + recent + "\", ownerId: \"wu\"}) { id } }");
    Gql.ok("mutation { create" + Entity + "(input: {lastActivity: \"" + old + "\", status: \"won\", ownerId: \"wu\"}) { id } }");

    assertEquals(1, recycler.recycle(recycling).await().indefinitely());
    assertNull(Gql.ok("{ " + entity + "(id: \"" + stale + "\") { ownerId } }").getString("data." + entity + ".ownerId"));
    assertEquals(0, Gql.ok("mutation { recyclePool(pool: \"" + recycling + "\") }").getInt("data.recyclePool"), "nothing left to recycle");
    assertEquals("zhou", as("zhou", "mutation { claimRecord(pool: \"" + recycling + "\", id: \"" + stale + "\") { ownerId } }")
        .getString("data.claimRecord.ownerId"), "a recycled record can be claimed");
  }

  @Test
  void onlyTheNamedTeamsMayClaimAndHeldCountsTheGivenWork() {
    String entity = Gql.unique("opp");
    String Entity = Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
    String teamPool = Gql.unique("teamonly");
    String code = Gql.unique("south");
    Map<String, Object> p = new LinkedHashMap<>(Map.of("kind", "pool", "name", teamPool, "label", label("团队公海", "Team pool"),
        "entity", entity, "teams", List.of(code), "claimLimits", Map.of("held", 1,
            "heldWhen", List.of(Map.of("field", "status", "op", "eq", "value", "open")))));
    String member = Gql.unique("chen");
    Staff.user(member, "active");
    Staff.team(code, List.of(member));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(entity, field("status", "text")), p)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = Gql.ok("mutation { create" + Entity + "(input: {status: \"open\", ownerId: \"seed\"}) { id } }")
          .getString("data.create" + Entity + ".id");
      ids.add(UUID.fromString(id));
      pools.release(teamPool, ids.get(i), new Actor("seed")).await().indefinitely();
    }
    PlatformException outsider = org.junit.jupiter.api.Assertions.assertThrows(PlatformException.class,
        () -> pools.claim(teamPool, ids.get(0), new Actor("outsider")).await().indefinitely());
    assertEquals(ErrorCode.CLAIM_REFUSED, outsider.code());
    assertEquals(member, pools.claim(teamPool, ids.get(0), new Actor(member)).await().indefinitely().ownerId());
    PlatformException full = org.junit.jupiter.api.Assertions.assertThrows(PlatformException.class,
        () -> pools.claim(teamPool, ids.get(1), new Actor(member)).await().indefinitely());
    assertTrue(full.getMessage().contains("hold 1"), full.getMessage());
    String E = Entity;
    int version = Gql.ok("{ " + entity + "(id: \"" + ids.get(0) + "\") { version } }").getInt("data." + entity + ".version");
    Gql.ok("mutation { update" + E + "(id: \"" + ids.get(0) + "\", version: " + version + ", patch: {status: \"won\"}) { id } }");
    assertEquals(member, pools.claim(teamPool, ids.get(1), new Actor(member)).await().indefinitely().ownerId(),
        "won work no longer counts as held");
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {16, 64})
  void exactlyOneOfManySimultaneousClaimsWins(int threads) throws Exception {
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 100; round++) {
        UUID id = UUID.fromString(create("race " + threads + "/" + round));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String user = "seller" + t;
          results.add(exec.submit(() -> {
            start.await();
            try {
              return pools.claim(pool, id, new Actor(user)).await().indefinitely().ownerId();
            } catch (PlatformException e) {
              assertEquals(ErrorCode.ALREADY_CLAIMED, e.code(), e.getMessage());
              return null;
            }
          }));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> f : results) {
          String w = f.get();
          if (w != null) {
            winners.add(w);
          }
        }
        assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
        String owner = Gql.ok("{ " + lead + "(id: \"" + id + "\") { ownerId } }").getString("data." + lead + ".ownerId");
        assertEquals(winners.get(0), owner, "the stored owner is the winner");
      }
    } finally {
      exec.shutdownNow();
    }
  }
}
