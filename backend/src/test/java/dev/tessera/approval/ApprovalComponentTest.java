package dev.tessera.approval;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approvals end to end through GraphQL on the real database and the running flow engine (ADR 0050):
 * each mode, the approver kinds, the actions (hand over, add a signer, return, withdraw, remind), the
 * time limit, and two approvers deciding the same 或签 approval at once from real threads: exactly one
 * decision counts, the other is refused.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
public class ApprovalComponentTest {
  static final String PASSWORD = "a good password";
  static String contract;
  static String Contract;
  static String run;
  static String sub;
  static String a1;
  static String a2;
  static String a3;
  static String boss;
  static String bigBoss;
  static String reader;
  public static final Map<String, String> tokens = new HashMap<>();

  @jakarta.inject.Inject
  io.vertx.mutiny.sqlclient.Pool pool;

  @BeforeEach
  void setUp() {
    if (contract != null) {
      return;
    }
    contract = Gql.unique("contract");
    Contract = Character.toUpperCase(contract.charAt(0)) + contract.substring(1);
    run = contract.substring(8);
    Gql.publish(entity(contract, field("name", "text"), field("amount", "number"), field("status", "text")));
    sub = person("sub");
    a1 = person("a1");
    a2 = person("a2");
    a3 = person("a3");
    boss = person("boss");
    bigBoss = person("bigboss");
    reader = person("reader");
    // the submitter may read and change its own contracts, so it starts the approval flows itself
    Gql.publish(Map.of("kind", "role", "name", "seller" + run, "label", label("销售", "Seller"), "entities",
        Map.of(contract, Map.of("create", true, "read", true, "update", true, "delete", false, "scope", "own"))));
    String subId = Gql.ok("{ users(filter: {username: {eq: \"" + sub + "\"}}) { nodes { id version } } }")
        .getString("data.users.nodes[0].id");
    Gql.ok("mutation { updateUser(id: \"" + subId + "\", version: 1, patch: {roles: [\"seller" + run + "\"]}) { id } }");
    team("t" + run, List.of(sub), boss);
    team("u" + run, List.of(boss), bigBoss);
  }

  static String person(String base) {
    String username = Staff.user(base + run, "active");
    Gql.ok("mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
        Map.of("u", username, "p", PASSWORD));
    tokens.put(username, Auth.token(username, PASSWORD));
    return username;
  }

  static void team(String code, List<String> members, String manager) {
    Staff.team(code, members);
    String team = Gql.ok("{ teams(filter: {code: {eq: \"" + code + "\"}}) { nodes { id } } }").getString("data.teams.nodes[0].id");
    String managerId = Gql.ok("{ users(filter: {username: {eq: \"" + manager + "\"}}) { nodes { id } } }")
        .getString("data.users.nodes[0].id");
    Gql.ok("mutation { updateTeam(id: \"" + team + "\", version: 1, patch: {manager: \"" + managerId + "\"}) { id } }");
  }

  /** A manual flow: the approval, then the status set to approved, or (branch rejected) to rejected. */
  static String flow(String name, Map<String, Object> approval) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("id", "ask");
    node.put("type", "approval");
    node.put("title", label("审批 {{name}}", "Approve {{name}}"));
    node.putAll(approval);
    List<Map<String, Object>> nodes = new ArrayList<>();
    nodes.add(Map.of("id", "prep", "type", "setVariable", "name", "ready", "value", "true"));
    nodes.add(node);
    nodes.add(Map.of("id", "yes", "type", "updateRecord", "set", Map.of("status", "'approved'")));
    nodes.add(Map.of("id", "no", "type", "updateRecord", "set", Map.of("status", "'rejected'")));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "flow");
    f.put("name", name);
    f.put("label", label("审批流程", "Approval flow"));
    f.put("trigger", Map.of("type", "manual", "entity", contract));
    f.put("nodes", nodes);
    f.put("edges", List.of(Map.of("from", "trigger", "to", "prep"), Map.of("from", "prep", "to", "ask"),
        Map.of("from", "ask", "to", "yes"), Map.of("from", "ask", "to", "no", "branch", "rejected")));
    Gql.publish(f);
    return name;
  }

  static Map<String, Object> users(String... usernames) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String u : usernames) {
      out.add(Map.of("type", "user", "username", u));
    }
    return Map.of("approvers", out);
  }

  static Map<String, Object> with(Map<String, Object> a, Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  /** A contract owned by the submitter, and the flow started on it by the submitter's hand (as admin). */
  static String start(String flow, String name) {
    String id = Gql.ok("mutation { create" + Contract + "(input: {name: \"" + name + "\", amount: 1000, ownerId: \"" + sub
        + "\"}) { id } }").getString("data.create" + Contract + ".id");
    JsonPath started = Auth.as(tokens.get(sub), "mutation M($f: String!, $r: ID!) { startFlow(flow: $f, recordId: $r) { id } }",
        Map.of("f", flow, "r", id));
    assertNotNull(started.getString("data.startFlow.id"), started.prettify());
    return id;
  }

  static String status(String recordId) {
    return Gql.ok("{ " + contract + "(id: \"" + recordId + "\") { status } }").getString("data." + contract + ".status");
  }

  /** The pending approval of the record, once the flow opened it (10 s at most). */
  public static Map<String, Object> approvalOf(String approver, String title) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<Map<String, Object>> mine = Auth.as(tokens.get(approver), "{ myApprovals { id title status mode } }")
          .getList("data.myApprovals");
      for (Map<String, Object> a : mine) {
        if (String.valueOf(a.get("title")).contains(title)) {
          return a;
        }
      }
      sleep(100);
    }
    throw new AssertionError("no approval for " + approver + " titled " + title);
  }

  static JsonPath act(String user, String mutation, String id, String extra) {
    return Auth.as(tokens.get(user), "mutation { " + mutation + "(id: \"" + id + "\"" + extra + ") { id status } }");
  }

  static JsonPath detail(String user, String id) {
    return Auth.as(tokens.get(user), "{ approval(id: \"" + id + "\") { id status mode submittedBy tasks { approver position"
        + " status addedBy } timeline { actor action comment details } } }");
  }

  static void awaitStatus(String recordId, String expected) {
    await(() -> expected.equals(status(recordId)), "record " + recordId + " becomes " + expected);
  }

  public static void await(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError(what + ": not within 20 s");
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String code(JsonPath p) {
    return p.getString("errors[0].extensions.code");
  }

  @Test
  void twoApproversDecidingAnAnyApprovalAtOnceMakeExactlyOneDecision() throws Exception {
    String flow = flow("race" + run, with(users(a1, a2), "mode", "any"));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String record = start(flow, "竞争" + round);
        String id = (String) approvalOf(a1, "竞争" + round).get("id");
        approvalOf(a2, "竞争" + round);
        CountDownLatch go = new CountDownLatch(1);
        Future<JsonPath> approve = threads.submit(() -> {
          go.await();
          return act(a1, "approve", id, ", comment: \"好\"");
        });
        Future<JsonPath> reject = threads.submit(() -> {
          go.await();
          return act(a2, "reject", id, ", comment: \"不行\"");
        });
        go.countDown();
        JsonPath x = approve.get();
        JsonPath y = reject.get();
        boolean approved = x.get("errors") == null;
        boolean rejected = y.get("errors") == null;
        assertTrue(approved ^ rejected, "exactly one decision counts: " + x.prettify() + y.prettify());
        assertEquals("VERSION_CONFLICT", code(approved ? y : x), "the other is refused: " + (approved ? y : x).prettify());
        awaitStatus(record, approved ? "approved" : "rejected");
        List<String> actions = detail(sub, id).getList("data.approval.timeline.action");
        assertEquals(1, actions.stream().filter(a -> a.startsWith("decided")).count(), actions.toString());
        assertEquals(1, actions.stream().filter(a -> a.equals("approved") || a.equals("rejected")).count(), actions.toString());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void sequentialAllAndVoteDecideAsTheirModesSay() {
    String seq = flow("seq" + run, with(users(a1, a2), "mode", "sequential"));
    String r1 = start(seq, "依次" + run);
    String id = (String) approvalOf(a1, "依次" + run).get("id");
    assertEquals("FORBIDDEN", code(act(a2, "approve", id, "")), "a2 waits for a1");
    assertNull(act(a1, "approve", id, "").get("errors"));
    assertEquals("pending", detail(a2, id).getString("data.approval.status"));
    assertNull(act(a2, "approve", id, "").get("errors"));
    awaitStatus(r1, "approved");

    String all = flow("all" + run, with(users(a1, a2), "mode", "all"));
    String r2 = start(all, "会签" + run);
    String id2 = (String) approvalOf(a1, "会签" + run).get("id");
    assertEquals("pending", act(a1, "approve", id2, "").getString("data.approve.status"));
    assertEquals("rejected", act(a2, "reject", id2, ", comment: \"金额太高\"").getString("data.reject.status"));
    awaitStatus(r2, "rejected");

    String vote = flow("vote" + run, with(users(a1, a2, a3), "mode", "vote", "passRatio", 0.6));
    String r3 = start(vote, "票签" + run);
    String id3 = (String) approvalOf(a1, "票签" + run).get("id");
    assertEquals("pending", act(a1, "approve", id3, "").getString("data.approve.status"));
    assertEquals("pending", act(a3, "reject", id3, "").getString("data.reject.status"));
    assertEquals("approved", act(a2, "approve", id3, "").getString("data.approve.status"), "2 of 3 ≥ 0.6");
    awaitStatus(r3, "approved");
  }

  @Test
  void handOverAddSignerRemindAndWithdraw() {
    String flow = flow("acts" + run, with(users(a1), "copyTo", List.of(Map.of("type", "user", "username", reader))));
    String record = start(flow, "转交" + run);
    String id = (String) approvalOf(a1, "转交" + run).get("id");
    assertEquals(1, Auth.as(tokens.get(reader), "{ myApprovals(status: \"copy\") { id } }").getList("data.myApprovals").size());
    // 催办: once, then refused for a while
    assertNull(act(sub, "remind", id, "").get("errors"));
    assertEquals("TOO_MANY_ATTEMPTS", code(act(sub, "remind", id, "")));
    // 转交 a1 → a2; a1 can no longer decide
    assertNull(act(a1, "handOver", id, ", to: \"" + a2 + "\", comment: \"出差\"").get("errors"));
    assertEquals("FORBIDDEN", code(act(a1, "approve", id, "")));
    assertEquals("BAD_REQUEST", code(act(a2, "handOver", id, ", to: \"nobody" + run + "\"")), "an unknown user is named");
    // 加签 after a2: a3 decides once a2 approved
    assertNull(act(a2, "addSigner", id, ", usernames: [\"" + a3 + "\"], position: AFTER").get("errors"));
    assertEquals("pending", act(a2, "approve", id, "").getString("data.approve.status"));
    assertEquals("approved", act(a3, "approve", id, "").getString("data.approve.status"));
    awaitStatus(record, "approved");
    JsonPath d = detail(sub, id);
    assertEquals(List.of("submitted", "reminded", "handedOver", "signerAdded", "approved", "approved", "decidedApproved"),
        d.getList("data.approval.timeline.action"), d.prettify());
    // every action is in the audit log too (newest first), with who did it and on which record
    JsonPath log = Gql.ok("query L($f: AuditLogFilter) { auditLog(filter: $f, first: 20) { entries { kind actor path details } } }",
        Map.of("f", Map.of("kinds", List.of("APPROVAL"), "subject", id)));
    List<String> logged = new ArrayList<>(log.getList("data.auditLog.entries.details.action"));
    java.util.Collections.reverse(logged);
    assertEquals(d.getList("data.approval.timeline.action"), logged, log.prettify());
    assertEquals(List.of("system", a3, a2, a2, a1, sub, sub), log.getList("data.auditLog.entries.actor"), log.prettify());
    assertEquals(List.of(record), log.getList("data.auditLog.entries.details.recordId").stream().distinct().toList());
    assertEquals("出差", log.getString("data.auditLog.entries[4].details.comment"));
    assertEquals(a2, log.getString("data.auditLog.entries[4].details.to"));
    assertEquals("FORBIDDEN", code(Auth.as(tokens.get(a1), "{ auditLog(first: 5) { entries { kind } } }")),
        "approvers do not read the audit log");
    assertEquals("VERSION_CONFLICT", code(act(a3, "approve", id, "")), "decided: nothing more");

    // 加签 before: the added signer decides first
    String r2 = start(flow, "前加签" + run);
    String id2 = (String) approvalOf(a1, "前加签" + run).get("id");
    assertNull(act(a1, "addSigner", id2, ", usernames: [\"" + a2 + "\"], position: BEFORE").get("errors"));
    assertEquals("FORBIDDEN", code(act(a1, "approve", id2, "")), "a1 waits for the signer added before");
    assertNull(act(a2, "approve", id2, "").get("errors"));
    assertEquals("approved", act(a1, "approve", id2, "").getString("data.approve.status"));
    awaitStatus(r2, "approved");

    // 撤回: the submitter, before anyone acted; not after
    String r3 = start(flow, "撤回" + run);
    String id3 = (String) approvalOf(a1, "撤回" + run).get("id");
    assertEquals("FORBIDDEN", code(act(a1, "withdraw", id3, "")), "only the submitter withdraws");
    assertEquals("withdrawn", act(sub, "withdraw", id3, "").getString("data.withdraw.status"));
    await(() -> Gql.ok("query Q($r: ID) { flowInstances(recordId: $r) { status } }", Map.of("r", r3))
        .getString("data.flowInstances[0].status").equals("completed"), "the withdrawn flow ends");
    assertNull(status(r3), "neither branch ran");
    // cancelling the flow cancels its approval
    String r5 = start(flow, "取消" + run);
    String id5 = (String) approvalOf(a1, "取消" + run).get("id");
    String instance = Gql.ok("query Q($r: ID) { flowInstances(recordId: $r) { id } }", Map.of("r", r5))
        .getString("data.flowInstances[0].id");
    Gql.ok("mutation { cancelFlowInstance(id: \"" + instance + "\") { status } }");
    assertEquals("cancelled", detail(sub, id5).getString("data.approval.status"));
    assertEquals("VERSION_CONFLICT", code(act(a1, "approve", id5, "")));
    String r4 = start(flow, "已处理" + run);
    String id4 = (String) approvalOf(a1, "已处理" + run).get("id");
    assertNull(act(a1, "addSigner", id4, ", usernames: [\"" + a2 + "\"], position: PARALLEL").get("errors"));
    assertEquals("FORBIDDEN", code(act(sub, "withdraw", id4, "")), "an approver acted already");
  }

  @Test
  void theStepDecidesWhichFieldsItsApproversSeeAndChange() {
    String flow = flow("fields" + run, with(users(a1), "fields", Map.of("name", "read", "amount", "write", "status", "none")));
    String record = start(flow, "字段" + run);
    String id = (String) approvalOf(a1, "字段" + run).get("id");
    Map<String, Object> shown = Auth.as(tokens.get(a1), "{ approval(id: \"" + id + "\") { record } }")
        .getMap("data.approval.record");
    assertEquals(java.util.Set.of("id", "name", "amount"), shown.keySet(), "a1 holds no role: only what the step shows");
    JsonPath refused = Auth.as(tokens.get(a1), "mutation M($v: JSON) { approve(id: \"" + id + "\", values: $v) { status } }",
        Map.of("v", Map.of("status", "done")));
    assertEquals("FORBIDDEN", code(refused));
    assertEquals("values.status", refused.getString("errors[0].extensions.field"));
    JsonPath ok = Auth.as(tokens.get(a1), "mutation M($v: JSON) { approve(id: \"" + id + "\", values: $v) { status } }",
        Map.of("v", Map.of("amount", 900)));
    assertEquals("approved", ok.getString("data.approve.status"), ok.prettify());
    awaitStatus(record, "approved");
    assertEquals(900.0, Gql.ok("{ " + contract + "(id: \"" + record + "\") { amount } }")
        .getDouble("data." + contract + ".amount"), 0.001);
  }

  @Test
  void returnRunsAnEarlierStepAgainAndOpensANewApproval() {
    String flow = flow("ret" + run, users(a1));
    String record = start(flow, "退回" + run);
    String id = (String) approvalOf(a1, "退回" + run).get("id");
    assertEquals("BAD_REQUEST", code(act(a1, "returnTo", id, ", node: \"yes\"")), "not a step it passed");
    assertEquals("returned", act(a1, "returnTo", id, ", node: \"prep\", comment: \"补充材料\"").getString("data.returnTo.status"));
    await(() -> Auth.as(tokens.get(a1), "{ myApprovals { id } }").getList("data.myApprovals.id").stream()
        .anyMatch(x -> !x.equals(id)), "a new approval after the return");
    String again = (String) approvalOf(a1, "退回" + run).get("id");
    assertTrue(!again.equals(id));
    assertNull(act(a1, "approve", again, "").get("errors"));
    awaitStatus(record, "approved");
    List<String> path = Gql.ok("query Q($r: ID) { flowInstances(recordId: $r) { path { node branch } } }", Map.of("r", record))
        .getList("data.flowInstances[0].path.node");
    assertEquals(List.of("prep", "ask", "prep", "ask", "yes"), path);
    Map<String, Object> asked = Gql.ok("query Q($r: ID) { flowInstances(recordId: $r) { path { input } } }", Map.of("r", record))
        .getMap("data.flowInstances[0].path[1].input");
    assertEquals(List.of(a1), asked.get("approvers"), "the step records whom it asked: " + asked);
  }

  @Test
  void approversByManagerChainRoleAndTheEmptyListRule() {
    String chain = flow("chain" + run, Map.of("mode", "sequential",
        "approvers", List.of(Map.of("type", "manager", "levels", 2))));
    start(chain, "上级" + run);
    String id = (String) approvalOf(boss, "上级" + run).get("id");
    JsonPath d = detail(boss, id);
    assertEquals(List.of(boss, bigBoss), d.getList("data.approval.tasks.approver"), d.prettify());
    assertEquals(sub, d.getString("data.approval.submittedBy"));
    assertNull(detail(reader, id).get("data.approval"), "an outsider sees nothing");

    // nobody holds the role: the empty-list rule sends it to the named person
    String auditor = "auditor" + run;
    Gql.publish(Map.of("kind", "role", "name", auditor, "label", label("审计", "Auditor"), "entities",
        Map.of(contract, Map.of("create", false, "read", true, "update", false, "delete", false, "scope", "all"))));
    String role = flow("role" + run, Map.of("approvers", List.of(Map.of("type", "role", "role", auditor)),
        "ifNoApprover", Map.of("action", "user", "username", a3)));
    start(role, "角色" + run);
    assertNotNull(approvalOf(a3, "角色" + run));
  }

  @Test
  void skipRepeatedAndTheTimeLimitDecideWithoutAPerson() {
    // two approval steps with the same approver: the second is approved for it (去重)
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("id", "first");
    first.put("type", "approval");
    first.put("title", label("一审 {{name}}", "First {{name}}"));
    first.put("approvers", List.of(Map.of("type", "user", "username", a1)));
    Map<String, Object> second = new LinkedHashMap<>(first);
    second.put("id", "second");
    second.put("title", label("二审 {{name}}", "Second {{name}}"));
    second.put("approvers", List.of(Map.of("type", "user", "username", a1), Map.of("type", "user", "username", a2)));
    second.put("mode", "all");
    second.put("skipRepeated", true);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "flow");
    f.put("name", "twice" + run);
    f.put("label", label("两级审批", "Two approvals"));
    f.put("trigger", Map.of("type", "manual", "entity", contract));
    f.put("nodes", List.of(first, second, Map.of("id", "yes", "type", "updateRecord", "set", Map.of("status", "'approved'"))));
    f.put("edges", List.of(Map.of("from", "trigger", "to", "first"), Map.of("from", "first", "to", "second"),
        Map.of("from", "second", "to", "yes")));
    Gql.publish(f);
    String record = start("twice" + run, "去重" + run);
    String one = (String) approvalOf(a1, "一审").get("id");
    assertNull(act(a1, "approve", one, "").get("errors"));
    String two = (String) approvalOf(a2, "二审").get("id");
    JsonPath d = detail(a2, two);
    assertTrue(d.getList("data.approval.timeline.action").contains("autoApproved"), d.prettify());
    assertEquals("approved", act(a2, "approve", two, "").getString("data.approve.status"), "a1 counted already");
    awaitStatus(record, "approved");

    // a time limit that approves: the clock is moved past it
    String timed = flow("timed" + run, with(users(a1), "timeLimit", Map.of("after", "PT2H", "action", "approve")));
    String r2 = start(timed, "超时" + run);
    String id = (String) approvalOf(a1, "超时" + run).get("id");
    pool.preparedQuery("UPDATE tessera_flow_token SET due_at = now() - interval '1 second', wait = jsonb_set(wait, '{until}',"
        + " to_jsonb(to_char(now() at time zone 'UTC' - interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"
        + " WHERE state = 'waiting' AND wait ->> 'approval' = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
        .await().indefinitely();
    awaitStatus(r2, "approved");
    List<String> actions = detail(sub, id).getList("data.approval.timeline.action");
    assertTrue(actions.contains("timedOut"), actions.toString());
  }
}
