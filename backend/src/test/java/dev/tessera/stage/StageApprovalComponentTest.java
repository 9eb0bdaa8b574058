package dev.tessera.stage;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.approval.ApprovalComponentTest;
import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
 * Approval-gated stages end to end through GraphQL, on the real database with the flow engine running
 * (ADR 0053): a direct write into the stage is refused; requestStageChange checks the rest of the gate,
 * starts the gate's approval, and the record moves (as the system) once the approver approves, after
 * which the gate's onEnter flow runs exactly once; a rejection leaves it; a record that no longer meets the
 * gate when approved stays and the request says why; two requests at once from real threads open one
 * approval.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class StageApprovalComponentTest {
  static final String PASSWORD = "a good password";
  static String deal;
  static String Deal;
  static String approver;
  static String token;
  static String approval;
  static String kickoff;

  @BeforeEach
  void setUp() {
    if (deal != null) {
      return;
    }
    deal = Gql.unique("sdeal");
    Deal = Character.toUpperCase(deal.charAt(0)) + deal.substring(1);
    String run = deal.substring(5);
    approver = Staff.user("ap" + run, "active");
    Gql.ok("mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
        Map.of("u", approver, "p", PASSWORD));
    token = Auth.token(approver, PASSWORD);
    approval = "contractApproval" + run;
    kickoff = "kickoff" + run;
    Map<String, Object> stage = field("stage", "stage", "default", "lead", "options", List.of(
        Map.of("value", "lead", "label", label("线索", "Lead")), Map.of("value", "contract", "label", label("合同", "Contract"))));
    stage.put("gates", Map.of("contract", Map.of("requiredFields", List.of("amount"), "condition", "amount > 0",
        "approval", approval, "onEnter", List.of(kickoff))));
    Map<String, Object> amount = field("amount", "money");
    amount.put("label", label("金额", "Amount"));
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("id", "ask");
    ask.put("type", "approval");
    ask.put("title", label("合同审批 {{name}}", "Contract approval {{name}}"));
    ask.put("mode", "any");
    ask.put("approvers", List.of(Map.of("type", "user", "username", approver)));
    Gql.publish(entity(deal, field("name", "text"), amount, field("note", "text"), stage),
        flow(approval, List.of(ask)),
        flow(kickoff, List.of(Map.of("id", "mark", "type", "updateRecord", "set", Map.of("note", "'kicked off'")))));
  }

  static Map<String, Object> flow(String name, List<Map<String, Object>> nodes) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "flow");
    f.put("name", name);
    f.put("label", label("流程", "Flow"));
    f.put("trigger", Map.of("type", "manual", "entity", deal));
    f.put("nodes", nodes);
    f.put("edges", List.of(Map.of("from", "trigger", "to", nodes.get(0).get("id"))));
    return f;
  }

  static String create(String name, String amount) {
    return Gql.ok("mutation { create" + Deal + "(input: {name: \"" + name + "\"" + (amount == null ? "" : ", amount: " + amount)
        + "}) { id } }").getString("data.create" + Deal + ".id");
  }

  static JsonPath request(String id, String locale) {
    return Gql.post(null, locale, "mutation M($e: String!, $id: ID!) { requestStageChange(entity: $e, id: $id,"
        + " field: \"stage\", to: \"contract\", comment: \"请批准\") { id status flow instanceId from to } }",
        Map.of("e", deal, "id", id));
  }

  static Map<String, Object> record(String id) {
    return Gql.ok("{ " + deal + "(id: \"" + id + "\") { stage amount note updatedBy version } }").getMap("data." + deal);
  }

  static List<Map<String, Object>> requests(String id) {
    return Gql.ok("query Q($e: String!, $id: ID!) { stageRequests(entity: $e, id: $id) { status reason to } }",
        Map.of("e", deal, "id", id)).getList("data.stageRequests");
  }

  static String approvalId(String name) {
    ApprovalComponentTest.tokens.put(approver, token);
    return (String) ApprovalComponentTest.approvalOf(approver, name).get("id");
  }

  static JsonPath decide(String action, String approvalId) {
    return Auth.as(token, "mutation { " + action + "(id: \"" + approvalId + "\") { id status } }");
  }

  static int instances(String flow, String recordId) {
    return Gql.ok("query Q($f: String, $r: ID) { flowInstances(flow: $f, recordId: $r) { id } }",
        Map.of("f", flow, "r", recordId)).getList("data.flowInstances").size();
  }

  @Test
  void aDirectWriteIntoTheStageIsRefusedSayingHowToAsk() {
    String id = create("直接", "100");
    JsonPath en = Gql.post(null, "en", "mutation { update" + Deal + "(id: \"" + id + "\", version: 1, patch: {stage:"
        + " \"contract\"}) { id } }", Map.of());
    assertEquals("STAGE_NEEDS_APPROVAL", en.getString("errors[0].extensions.code"), en.prettify());
    assertEquals("stage", en.getString("errors[0].extensions.field"));
    assertTrue(en.getString("errors[0].message").startsWith("Entering the stage Contract (contract) needs an approval"
        + " (flow \"" + approval + "\"); ask for it with requestStageChange(field: \"stage\", to: \"contract\")"), en.prettify());
    JsonPath zh = Gql.post(null, "zh-CN", "mutation { create" + Deal + "(input: {name: \"新建直接\", amount: 5,"
        + " stage: \"contract\"}) { id } }", Map.of());
    assertTrue(zh.getString("errors[0].message").startsWith("进入“合同”阶段需要审批"), zh.prettify());
    assertEquals("lead", record(id).get("stage"));
  }

  @Test
  void aRequestChecksTheRestOfTheGateFirst() {
    String id = create("没金额", null);
    JsonPath refused = request(id, "zh-CN");
    assertEquals("STAGE_GATE", refused.getString("errors[0].extensions.code"), refused.prettify());
    assertEquals(List.of("amount", "stage"), refused.getList("errors[0].extensions.problems.field"));
    assertEquals("进入“合同”阶段前须填写“金额”", refused.getString("errors[0].extensions.problems[0].message"));
    assertEquals(0, instances(approval, id), "no approval was started");
    assertEquals(List.of(), requests(id));
  }

  @Test
  void anApprovedRequestMovesTheRecordAndStartsTheOnEnterFlowOnce() {
    String id = create("批准", "100");
    JsonPath asked = request(id, "en");
    assertNull(asked.get("errors"), asked.prettify());
    assertEquals("pending", asked.getString("data.requestStageChange.status"));
    assertEquals("lead", asked.getString("data.requestStageChange.from"));
    JsonPath again = request(id, "en");
    assertEquals("STAGE_CHANGE_PENDING", again.getString("errors[0].extensions.code"), again.prettify());
    assertNull(decide("approve", approvalId("批准")).get("errors"));
    ApprovalComponentTest.await(() -> "contract".equals(record(id).get("stage")), "the record moves");
    assertEquals("system", record(id).get("updatedBy"), "moved by the system");
    assertEquals("moved", requests(id).get(0).get("status"));
    ApprovalComponentTest.await(() -> "kicked off".equals(record(id).get("note")), "the onEnter flow ran");
    ApprovalComponentTest.sleep(1500);
    assertEquals(1, instances(kickoff, id), "the onEnter flow started exactly once");
  }

  @Test
  void aRejectedRequestLeavesTheRecord() {
    String id = create("驳回", "100");
    assertNull(request(id, "en").get("errors"));
    assertNull(decide("reject", approvalId("驳回")).get("errors"));
    ApprovalComponentTest.await(() -> "rejected".equals(requests(id).get(0).get("status")), "the request is rejected");
    assertEquals("lead", record(id).get("stage"));
    assertEquals(0, instances(kickoff, id));
    assertNull(request(id, "en").get("errors"), "a new request may follow a decided one");
  }

  @Test
  void aRecordThatNoLongerMeetsTheGateStaysAndTheRequestSaysWhy() {
    String id = create("变了", "100");
    assertNull(request(id, "en").get("errors"));
    Gql.ok("mutation { update" + Deal + "(id: \"" + id + "\", version: 1, patch: {amount: 0}) { id } }");
    assertNull(decide("approve", approvalId("变了")).get("errors"));
    ApprovalComponentTest.await(() -> "notMoved".equals(requests(id).get(0).get("status")), "the request ends notMoved");
    assertEquals("lead", record(id).get("stage"));
    assertTrue(String.valueOf(requests(id).get(0).get("reason")).contains("amount > 0"), requests(id).toString());
    List<Map<String, Object>> inbox = Gql.ok("{ notifications { kind title body recordId } }").getList("data.notifications");
    assertTrue(inbox.stream().anyMatch(n -> "stageGate".equals(n.get("kind")) && id.equals(n.get("recordId"))
        && "The approval passed, but the record could not enter the stage \"contract\"".equals(n.get("title"))),
        "the requester is told: " + inbox);
  }

  @Test
  void twoRequestsAtOnceOpenOneApproval() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        String id = create("并发" + round, "100");
        CountDownLatch go = new CountDownLatch(1);
        Future<JsonPath> a = threads.submit(() -> {
          go.await();
          return request(id, "en");
        });
        Future<JsonPath> b = threads.submit(() -> {
          go.await();
          return request(id, "en");
        });
        go.countDown();
        JsonPath x = a.get();
        JsonPath y = b.get();
        boolean first = x.get("errors") == null;
        assertTrue(first ^ (y.get("errors") == null), "exactly one request counts: " + x.prettify() + y.prettify());
        assertEquals("STAGE_CHANGE_PENDING", (first ? y : x).getString("errors[0].extensions.code"));
        assertEquals(1, instances(approval, id), "one approval flow");
        assertEquals(1, requests(id).size());
        assertNotNull(approvalId("并发" + round));
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
