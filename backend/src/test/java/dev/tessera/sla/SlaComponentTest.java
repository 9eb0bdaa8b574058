package dev.tessera.sla;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.MovableClock;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import dev.tessera.template.StarterPack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA policies end to end (ADR 0052) on the real database, GraphQL and the 法定工作日 calendar of the
 * starter pack, with the time set by the test: targets chosen by condition (priority and customer tier),
 * waiting on the customer not counted, a due time across National Day and the 调休 Saturday, the warning at
 * 80 %, the breach and the escalation chain to the owner's manager, the first response met, lists filtered
 * by SLA status, a user who may not read a record seeing no SLA of it, publish refusals in zh-CN and en, and
 * two schedulers (real threads) firing the same breach once.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SlaComponentTest {
  static final String PASSWORD = "a good password";
  static String run;
  static String ticket;
  static String Ticket;
  static String customer;
  static String Customer;
  static String calendar;
  static String agent;
  static String boss;
  static String outsider;
  static String vip;
  static String plain;

  @Inject
  MovableClock clock;
  @Inject
  SlaScheduler scheduler;
  @Inject
  Pool pool;

  @BeforeEach
  void setUp() {
    if (ticket != null) {
      return;
    }
    ticket = Gql.unique("ticket");
    run = ticket.substring(6);
    Ticket = "T" + ticket.substring(1);
    customer = "customer" + run;
    Customer = "C" + customer.substring(1);
    calendar = "cn" + run;
    Map<String, Object> tier = field("tier", "picklist");
    tier.put("options", List.of(Map.of("value", "VIP", "label", label("VIP", "VIP")),
        Map.of("value", "normal", "label", label("普通", "Normal"))));
    Map<String, Object> ref = field("customer", "reference");
    ref.put("target", customer);
    Gql.publish(entity(customer, field("name", "text"), tier), calendar(), entity(ticket, field("subject", "text"),
        field("priority", "text"), field("status", "text"), ref), policy());
    agent = Staff.user("agent" + run, "active");
    boss = Staff.user("boss" + run, "active");
    team("t" + run, agent, boss);
    Gql.publish(Map.of("kind", "role", "name", "own" + run, "label", label("本人", "Own"), "entities",
        Map.of(ticket, Map.of("create", true, "read", true, "update", true, "delete", false, "scope", "own"))));
    outsider = Auth.user("outsider", PASSWORD, List.of("own" + run));
    vip = Gql.ok("mutation { create" + Customer + "(input: {name: \"星辰\", tier: \"VIP\"}) { id } }")
        .getString("data.create" + Customer + ".id");
    plain = Gql.ok("mutation { create" + Customer + "(input: {name: \"普通客户\", tier: \"normal\"}) { id } }")
        .getString("data.create" + Customer + ".id");
  }

  @AfterEach
  void systemTime() {
    clock.reset();
  }

  static Object calendar() {
    ObjectNode c = (ObjectNode) StarterPack.read("starter").stream()
        .filter(d -> "calendar".equals(d.path("kind").asText())).findFirst().orElseThrow().deepCopy();
    c.put("name", calendar);
    c.remove("id");
    return c;
  }

  static Map<String, Object> policy() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "slaPolicy");
    p.put("name", "ticketSla" + run);
    p.put("label", label("工单时效", "Ticket SLA"));
    p.put("entity", ticket);
    p.put("calendar", calendar);
    p.put("targets", List.of(
        Map.of("when", "priority == 'P0' && customer.tier == 'VIP'", "firstResponse", "PT1H", "resolution", "PT4H"),
        Map.of("when", "priority == 'P1'", "firstResponse", "PT4H", "resolution", "P2D"),
        Map.of("firstResponse", "P1D", "resolution", "P3D")));
    p.put("firstResponseWhen", "status != 'new'");
    p.put("resolvedWhen", "status in ['resolved', 'closed']");
    p.put("pauseWhen", "status == 'waitingOnCustomer'");
    p.put("warnAt", 0.8);
    p.put("escalation", List.of(Map.of("after", "breach", "notify", List.of(Map.of("type", "recordOwner"))),
        Map.of("after", "PT2H", "notify", List.of(Map.of("type", "manager", "levels", 1)))));
    return p;
  }

  static void team(String code, String member, String manager) {
    Staff.team(code, List.of(member));
    String team = Gql.ok("{ teams(filter: {code: {eq: \"" + code + "\"}}) { nodes { id } } }").getString("data.teams.nodes[0].id");
    String managerId = Gql.ok("{ users(filter: {username: {eq: \"" + manager + "\"}}) { nodes { id } } }")
        .getString("data.users.nodes[0].id");
    Gql.ok("mutation { updateTeam(id: \"" + team + "\", version: 1, patch: {manager: \"" + managerId + "\"}) { id } }");
  }

  @Test
  void theTargetIsChosenByPriorityAndCustomerTierAndANewOneKeepsTheTimeElapsed() {
    at("2026-11-02T10:00+08:00"); // a Monday
    Map<String, Object> p0 = sla(create("P0", vip));
    assertEquals(0, p0.get("target"));
    assertEquals(instant("2026-11-02T11:00+08:00"), instant(p0.get("firstResponseDue")));
    assertEquals(instant("2026-11-02T14:00+08:00"), instant(p0.get("resolutionDue")));
    assertEquals(2, sla(create("P0", plain)).get("target"), "a P0 of a normal customer takes the default target");
    String p1 = create("P1", plain);
    // P2D: two working days of 9 hours from Monday 10:00 end Wednesday 10:00
    assertEquals(instant("2026-11-04T10:00+08:00"), instant(sla(p1).get("resolutionDue")));
    String other = create("P3", plain);
    assertEquals(2, sla(other).get("target"));
    at("2026-11-02T12:00+08:00");
    update(other, "priority: \"P1\"");
    Map<String, Object> raised = sla(other);
    assertEquals(1, raised.get("target"));
    assertEquals(instant("2026-11-04T10:00+08:00"), instant(raised.get("resolutionDue")), "the 2 hours elapsed still count");
  }

  @Test
  void waitingOnTheCustomerDoesNotCount() {
    at("2026-11-02T10:00+08:00");
    String id = create("P0", vip);
    at("2026-11-02T11:00+08:00");
    update(id, "status: \"waitingOnCustomer\"");
    Map<String, Object> paused = sla(id);
    assertEquals("paused", paused.get("status"));
    assertNull(paused.get("resolutionDue"));
    at("2026-11-03T11:00+08:00"); // the customer answers a day later: 3 of the 4 working hours are left
    update(id, "status: \"open\"");
    Map<String, Object> resumed = sla(id);
    assertEquals("ok", resumed.get("status"));
    assertEquals(instant("2026-11-03T14:00+08:00"), instant(resumed.get("resolutionDue")));
    assertEquals(3 * 3600, resumed.get("timeLeft"));
  }

  @Test
  void aDueTimeAcrossNationalDayCountsTheMakeUpSaturday() {
    at("2026-09-30T17:00+08:00"); // the afternoon before the holiday (10-01..10-07); Saturday 10-10 is worked (调休)
    Map<String, Object> s = sla(create("P3", plain));
    // P3D = 27 working hours: 1 h on 09-30, 9 h on 10-08, 9 h on 10-09, 8 h on Saturday 10-10
    assertEquals(instant("2026-10-10T17:00+08:00"), instant(s.get("resolutionDue")));
    // P1D = 9 working hours: 1 h on 09-30, 8 h on 10-08
    assertEquals(instant("2026-10-08T17:00+08:00"), instant(s.get("firstResponseDue")));
  }

  @Test
  void warningThenBreachThenEscalationToTheManagerAndListsFilterByStatus() {
    at("2026-11-09T10:00+08:00");
    String id = create("P0", vip);
    String calm = create("P3", plain);
    at("2026-11-09T10:10+08:00");
    update(id, "status: \"open\"");
    at("2026-11-09T13:12+08:00"); // 80 % of 4 working hours
    scheduler.fire().await().indefinitely();
    assertEquals("warning", sla(id).get("status"));
    assertEquals(1, notices(agent, id));
    at("2026-11-09T14:05+08:00");
    scheduler.fire().await().indefinitely();
    Map<String, Object> breached = sla(id);
    assertEquals("breached", breached.get("status"));
    assertEquals(instant("2026-11-09T14:00+08:00"), instant(breached.get("breachedAt")));
    assertTrue((Integer) breached.get("timeLeft") < 0);
    assertEquals(2, notices(agent, id), "the first step tells the owner at the breach");
    assertEquals(0, notices(boss, id));
    List<String> listed = Gql.ok("{ " + ticket + "s(filter: {sla: {status: {eq: breached}}}) { nodes { id } } }")
        .getList("data." + ticket + "s.nodes.id");
    assertTrue(listed.contains(id), listed.toString());
    assertTrue(!listed.contains(calm), listed.toString());
    int breachedCount = Gql.ok("{ " + ticket + "sAggregate(filter: {sla: {status: {eq: breached}}}) { count } }")
        .getInt("data." + ticket + "sAggregate[0].count");
    assertEquals(listed.size(), breachedCount, "dashboards count what lists show");
    List<String> dueSoon = Gql.ok("{ " + ticket + "s(filter: {sla: {dueBefore: \"2026-11-10T00:00:00+08:00\"}}) { nodes { id } } }")
        .getList("data." + ticket + "s.nodes.id");
    assertTrue(!dueSoon.contains(calm), "the calm ticket is due on Thursday");
    at("2026-11-09T16:00+08:00"); // two working hours after the breach: the manager
    scheduler.fire().await().indefinitely();
    assertEquals(1, notices(boss, id));
    at("2026-11-10T16:00+08:00");
    scheduler.fire().await().indefinitely();
    assertEquals(2, notices(agent, id));
    assertEquals(1, notices(boss, id), "each step once");
  }

  @Test
  void theFirstResponseIsMetAndResolvingInTimeIsMet() {
    at("2026-11-16T10:00+08:00");
    String id = create("P0", vip);
    at("2026-11-16T10:30+08:00");
    update(id, "status: \"open\"");
    Map<String, Object> responded = sla(id);
    assertEquals(instant("2026-11-16T10:30+08:00"), instant(responded.get("respondedAt")));
    assertNull(responded.get("firstResponseDue"));
    at("2026-11-16T12:00+08:00");
    update(id, "status: \"resolved\"");
    Map<String, Object> met = sla(id);
    assertEquals("met", met.get("status"));
    assertNull(met.get("timeLeft"));
    List<String> listed = Gql.ok("{ " + ticket + "s(filter: {sla: {status: {in: [met]}}}) { nodes { id } } }")
        .getList("data." + ticket + "s.nodes.id");
    assertTrue(listed.contains(id));
    assertEquals(0, Gql.ok("{ " + ticket + "s(filter: {sla: {status: {in: []}}}) { totalCount } }")
        .getInt("data." + ticket + "s.totalCount"), "in no status: none");
  }

  @Test
  void aUserWhoMayNotReadTheRecordSeesNoSlaOfIt() {
    at("2026-11-23T10:00+08:00");
    String id = create("P0", vip);
    at("2026-11-23T15:00+08:00");
    scheduler.fire().await().indefinitely();
    assertEquals("breached", sla(id).get("status"));
    String token = Auth.token(outsider, PASSWORD);
    JsonPath listed = Auth.as(token, "{ " + ticket + "s(filter: {sla: {status: {eq: breached}}}) { totalCount nodes { id sla { status } } } }");
    assertEquals(0, listed.getInt("data." + ticket + "s.totalCount"), listed.prettify());
    JsonPath counted = Auth.as(token, "{ " + ticket + "sAggregate(filter: {sla: {status: {eq: breached}}}) { count } }");
    assertEquals(0, counted.getInt("data." + ticket + "sAggregate[0].count"), counted.prettify());
    JsonPath one = Auth.as(token, "{ " + ticket + "(id: \"" + id + "\") { id sla { status } } }");
    assertNull(one.get("data." + ticket), one.prettify());
  }

  @Test
  void publishRefusesMistakesAtTheirPathInBothLanguages() {
    Map<String, Object> p = new LinkedHashMap<>(policy());
    p.put("name", "broken" + run);
    p.put("calendar", "mars" + run);
    p.put("pauseWhen", "stauts == 'waiting'");
    p.put("targets", List.of(Map.of("when", "priority == 'P0'", "resolution", "four hours"), Map.of("resolution", "P1D")));
    Map<String, Object> q = new LinkedHashMap<>(policy());
    q.put("name", "nowhere" + run);
    q.put("entity", "nothing" + run);
    for (String locale : List.of("zh-CN", "en")) {
      JsonPath r = Gql.post(null, locale, "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied"
          + " problems { code path message } } }", Map.of("d", List.of(p, q)));
      assertEquals(false, r.getBoolean("data.publishDefinitions.applied"), r.prettify());
      List<Map<String, Object>> problems = r.getList("data.publishDefinitions.problems");
      for (String path : List.of("$[0].calendar", "$[0].pauseWhen", "$[0].targets[0].resolution", "$[1].entity")) {
        Map<String, Object> found = problems.stream().filter(x -> path.equals(x.get("path"))).findFirst()
            .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + problems));
        String message = (String) found.get("message");
        boolean chinese = message.codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff);
        assertEquals(locale.equals("zh-CN"), chinese, locale + " " + path + ": " + message);
      }
    }
  }

  @Test
  void twoSchedulersFireTheSameBreachOnce() throws Exception {
    at("2027-03-01T09:00+08:00");
    scheduler.fire().await().indefinitely(); // whatever other tests left due fires now
    at("2027-03-01T10:00+08:00");
    String id = create("P0", vip);
    update(id, "status: \"open\"");
    at("2027-03-01T14:30+08:00"); // the warning, the breach and the first escalation step are due
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> fired = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fired.add(threads.submit(() -> {
          go.await();
          return scheduler.fire().await().indefinitely();
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : fired) {
        total += f.get();
      }
      assertEquals(3, total, "warning, breach and the first step, each fired by one of the two");
    } finally {
      threads.shutdown();
    }
    assertEquals(2, notices(agent, id));
    assertEquals("breached", sla(id).get("status"));
  }

  private void at(String t) {
    clock.set(OffsetDateTime.parse(t).toInstant());
  }

  private static Instant instant(String t) {
    return OffsetDateTime.parse(t).toInstant();
  }

  private static Instant instant(Object graphQl) {
    return OffsetDateTime.parse((String) graphQl).toInstant();
  }

  private static String create(String priority, String customerId) {
    return Gql.ok("mutation { create" + Ticket + "(input: {subject: \"打印机坏了\", priority: \"" + priority + "\", status: \"new\","
        + " customer: \"" + customerId + "\", ownerId: \"" + agent + "\"}) { id } }").getString("data.create" + Ticket + ".id");
  }

  private static void update(String id, String patch) {
    int version = Gql.ok("{ " + ticket + "(id: \"" + id + "\") { version } }").getInt("data." + ticket + ".version");
    Gql.ok("mutation { update" + Ticket + "(id: \"" + id + "\", version: " + version + ", patch: {" + patch + "}) { id } }");
  }

  private static Map<String, Object> sla(String id) {
    JsonPath r = Gql.ok("{ " + ticket + "(id: \"" + id + "\") { sla { policy target status startedAt firstResponseDue"
        + " resolutionDue respondedAt resolvedAt breachedAt paused timeLeft } } }");
    List<Map<String, Object>> all = r.getList("data." + ticket + ".sla");
    assertEquals(1, all.size(), r.prettify());
    return all.get(0);
  }

  private int notices(String username, String recordId) {
    return pool.preparedQuery("SELECT count(*) FROM tessera_notification WHERE recipient = $1 AND kind = 'sla'"
            + " AND record_id = $2").execute(Tuple.of(username, UUID.fromString(recordId)))
        .await().indefinitely().iterator().next().getInteger(0);
  }
}
