package dev.tessera.metamodel.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.metamodel.schema.DefinitionSchemas;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow reader: the minimal flow reads to its typed records with the graph helpers the
 * engine uses; every trigger and node type reads (an approval with every part of ADR 0050); an unknown
 * type reads as {@code Unknown}; omitted options take the defaults {@code flow.schema.json} documents.
 */
class FlowJsonTest {
  @Test
  void theMinimalFlowReadsWithItsGraph() throws Exception {
    FlowDefinition f = FlowJson.flow(minimal());
    assertEquals("newLeadFollowUp", f.name());
    assertEquals("lead", f.entity());
    assertTrue(f.isRecordTrigger());
    assertInstanceOf(FlowTrigger.RecordCreated.class, f.trigger());
    assertEquals("source == 'douyin'", f.trigger().condition());
    assertEquals(List.of(new FlowEdge("trigger", "call", null)), f.start());
    FlowNode.CreateTask call = (FlowNode.CreateTask) f.node("call").orElseThrow();
    assertEquals("Call {{name}}", call.title().get("en"));
    assertEquals(FlowNode.RecipientType.RECORD_OWNER, call.assignee().type());
    assertEquals(1, call.dueInDays());
    assertEquals(List.of(new FlowEdge("call", "pause", null)), f.next("call", null));
    assertEquals(List.of(), f.next("call", "timeout"));
    FlowNode.Wait pause = (FlowNode.Wait) f.node("pause").orElseThrow();
    assertEquals(Duration.ofSeconds(2), FlowDefinition.duration(pause.duration()).orElseThrow());
    assertEquals("'waiting'", ((FlowNode.UpdateRecord) f.node("mark").orElseThrow()).set().get("status"));
    assertEquals(List.of(), f.outgoing("mark"));
    assertTrue(f.node("nope").isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> f.nodes().add(null));
  }

  @Test
  void omittedOptionsTakeTheDefaultsTheSchemaDocuments() throws Exception {
    JsonNode schema = MetamodelJson.mapper().readTree(DefinitionSchemas.resource("flow"));
    FlowDefinition f = FlowJson.flow(minimal());
    assertEquals(schema.at("/properties/enabled/default").asBoolean(), f.enabled());
    assertEquals(schema.at("/properties/runAs/default/type").asText(), f.runAs().type().name().toLowerCase());
    assertEquals(schema.at("/properties/reenrollment/default").asText(), f.reenrollment().jsonName());
    assertEquals(schema.at("/properties/limits/properties/maxStartsPerMinute/default").asInt(), f.limits().maxStartsPerMinute());
    FlowNode.CreateTask call = (FlowNode.CreateTask) f.node("call").orElseThrow();
    JsonNode retry = schema.at("/properties/nodes/items/properties/retry/properties");
    assertEquals(retry.at("/maxAttempts/default").asInt(), call.retry().maxAttempts());
    assertEquals(retry.at("/backoff/default").asText(), call.retry().backoff());
    JsonNode then = nodeThen(schema, "createTask");
    assertEquals(then.at("/wait/default").asBoolean(), call.waits());
    assertNull(call.priority(), "absent priority: the task entity's default (normal) applies");
    assertEquals(then.at("/priority/default").asText(), "normal");
    FlowNode.CallFlow sub = (FlowNode.CallFlow) FlowJson.node(json("{\"id\": \"s\", \"type\": \"callFlow\", \"flow\": \"x\"}"));
    assertEquals(nodeThen(schema, "callFlow").at("/wait/default").asBoolean(), sub.waits());
    FlowNode.CallWebhook hook = (FlowNode.CallWebhook) FlowJson.node(json("{\"id\": \"h\", \"type\": \"callWebhook\", \"url\": \"https://x\"}"));
    assertEquals(nodeThen(schema, "callWebhook").at("/method/default").asText(), hook.method());
    FlowNode.Split split = (FlowNode.Split) FlowJson.node(json(
        "{\"id\": \"s\", \"type\": \"split\", \"branches\": [{\"name\": \"a\"}, {\"name\": \"b\", \"weight\": 3}]}"));
    assertEquals(schema.at("/properties/nodes/items/properties/branches/items/properties/weight/default").asInt(),
        split.branches().get(0).weight());
    FlowTrigger.RelativeDate rd = (FlowTrigger.RelativeDate) FlowJson.trigger(json(
        "{\"type\": \"relativeDate\", \"entity\": \"contract\", \"field\": \"endDate\"}"));
    JsonNode rdThen = triggerThen(schema, "relativeDate");
    assertEquals(rdThen.at("/at/default").asText(), rd.at());
    assertEquals(rdThen.at("/offsetDays/default").asInt(), rd.offsetDays());
    assertEquals(rdThen.at("/annual/default").asBoolean(), rd.annual());
    assertEquals(schema.at("/$defs/timezone/default").asText(), rd.timezone());
    FlowTrigger.Schedule s = (FlowTrigger.Schedule) FlowJson.trigger(json("{\"type\": \"schedule\", \"cron\": \"0 9 * * 1\"}"));
    assertEquals(schema.at("/$defs/timezone/default").asText(), s.timezone());
    assertNull(s.entity());
    assertFalse(s.isRecordChange());
  }

  @Test
  void everyTypeReadsAndUnknownOnesAreKeptAsUnknown() throws Exception {
    FlowNode unknown = FlowJson.node(json("{\"id\": \"a\", \"type\": \"review\"}"));
    assertInstanceOf(FlowNode.Unknown.class, unknown);
    assertEquals("review", unknown.type());
    assertEquals("a", unknown.id());
    assertInstanceOf(FlowTrigger.Unknown.class, FlowJson.trigger(json("{\"type\": \"recordMerged\"}")));
    for (String t : List.of("condition", "split", "updateRecord", "createRecord", "assign", "createTask", "notify", "wait",
        "callWebhook", "setVariable", "forEach", "callFlow", "end", "approval")) {
      assertEquals(t, FlowJson.node(json("{\"id\": \"n\", \"type\": \"" + t + "\"}")).type());
    }
    for (String t : List.of("recordCreated", "recordUpdated", "recordDeleted", "stageChanged", "ownerChanged", "schedule",
        "relativeDate", "webhook", "manual")) {
      assertEquals(t, FlowJson.trigger(json("{\"type\": \"" + t + "\", \"entity\": \"lead\"}")).type());
    }
  }

  @Test
  void metOnAConditionWaitIsItsDefaultEdge() throws Exception {
    FlowDefinition f = FlowJson.flow(json("""
        {"kind": "flow", "name": "f", "trigger": {"type": "manual", "entity": "lead"},
         "nodes": [{"id": "w", "type": "wait", "condition": "status == 'contacted'", "timeout": "P7D"},
                   {"id": "a", "type": "end"}, {"id": "b", "type": "end"}],
         "edges": [{"from": "trigger", "to": "w"}, {"from": "w", "to": "a", "branch": "met"},
                   {"from": "w", "to": "b", "branch": "timeout"}]}
        """));
    assertEquals(List.of(new FlowEdge("w", "a", null)), f.next("w", null));
    assertEquals(List.of(new FlowEdge("w", "b", "timeout")), f.next("w", "timeout"));
    assertEquals(List.of("timeout", "error"), f.node("w").orElseThrow().branchNames());
  }

  @Test
  void anApprovalReadsAsAdr0050WritesIt() throws Exception {
    FlowNode.Approval a = (FlowNode.Approval) FlowJson.node(json("""
        {"id": "legal", "type": "approval", "title": {"zh-CN": "合同审批：{{name}}", "en": "Contract approval: {{name}}"},
         "mode": "vote", "passRatio": 0.6,
         "approvers": [{"type": "user", "username": "alice"}, {"type": "team", "team": "legal"},
                       {"type": "manager", "levels": 2}, {"type": "role", "role": "finance"},
                       {"type": "recordOwner"}, {"type": "field", "field": "reviewer"},
                       {"type": "expression", "expression": "amount > 100000 ? 'ceo' : 'cfo'"}],
         "ifNoApprover": {"action": "user", "username": "bob"}, "skipRepeated": true,
         "copyTo": [{"type": "user", "username": "carol"}],
         "timeLimit": {"after": "P2D", "calendar": "chinaMainland", "action": "escalate",
                       "remindEvery": "PT4H", "escalateTo": {"type": "manager", "levels": 1}},
         "fields": {"amount": "read", "discount": "write", "phone": "none"},
         "allowReturn": false, "allowWithdraw": false}
        """));
    assertEquals("Contract approval: {{name}}", a.title().get("en"));
    assertEquals(FlowNode.ApprovalMode.VOTE, a.mode());
    assertEquals(0.6, a.passRatio());
    assertEquals(List.of(new FlowNode.Approver(FlowNode.ApproverType.USER, "alice", null, null, null, null, null),
        new FlowNode.Approver(FlowNode.ApproverType.TEAM, null, "legal", null, null, null, null),
        new FlowNode.Approver(FlowNode.ApproverType.MANAGER, null, null, 2, null, null, null),
        new FlowNode.Approver(FlowNode.ApproverType.ROLE, null, null, null, "finance", null, null),
        new FlowNode.Approver(FlowNode.ApproverType.RECORD_OWNER, null, null, null, null, null, null),
        new FlowNode.Approver(FlowNode.ApproverType.FIELD, null, null, null, null, "reviewer", null),
        new FlowNode.Approver(FlowNode.ApproverType.EXPRESSION, null, null, null, null, null, "amount > 100000 ? 'ceo' : 'cfo'")),
        a.approvers());
    assertEquals(new FlowNode.NoApprover(FlowNode.NoApprover.USER, "bob"), a.ifNoApprover());
    assertTrue(a.skipRepeated());
    assertEquals("carol", a.copyTo().get(0).username());
    assertEquals(new FlowNode.TimeLimit("P2D", "chinaMainland", FlowNode.TimeLimit.ESCALATE, "PT4H",
        new FlowNode.Approver(FlowNode.ApproverType.MANAGER, null, null, 1, null, null, null)), a.timeLimit());
    assertEquals(List.of("amount", "discount", "phone"), List.copyOf(a.fields().keySet()));
    assertEquals("write", a.fields().get("discount"));
    assertFalse(a.allowReturn());
    assertFalse(a.allowWithdraw());
    assertEquals(List.of(FlowNode.REJECTED, FlowNode.ERROR), a.branchNames());
    assertTrue(a.hasDefaultEdge());
  }

  @Test
  void anApprovalsOmittedOptionsTakeTheSchemasDefaults() throws Exception {
    JsonNode schema = MetamodelJson.mapper().readTree(DefinitionSchemas.resource("flow"));
    JsonNode props = nodeThen(schema, "approval");
    FlowNode.Approval a = (FlowNode.Approval) FlowJson.node(json("""
        {"id": "a", "type": "approval", "title": {"zh-CN": "审批", "en": "Approval"},
         "approvers": [{"type": "manager"}]}
        """));
    assertEquals(props.at("/mode/default").asText(), a.mode().jsonName());
    assertEquals(props.at("/ifNoApprover/properties/action/default").asText(), a.ifNoApprover().action());
    assertEquals(props.at("/skipRepeated/default").asBoolean(), a.skipRepeated());
    assertEquals(props.at("/allowReturn/default").asBoolean(), a.allowReturn());
    assertEquals(props.at("/allowWithdraw/default").asBoolean(), a.allowWithdraw());
    assertTrue(a.allowReturn() && a.allowWithdraw());
    assertNull(a.passRatio());
    assertNull(a.timeLimit());
    assertEquals(List.of(), a.copyTo());
    assertEquals(java.util.Map.of(), a.fields());
    assertNull(a.approvers().get(0).levels(), "levels defaults to 1 where the runtime resolves it");
    assertEquals(1, schema.at("/$defs/approver/properties/levels/default").asInt());
  }

  private static JsonNode nodeThen(JsonNode schema, String type) {
    return then(schema.at("/properties/nodes/items"), type);
  }

  private static JsonNode triggerThen(JsonNode schema, String type) {
    return then(schema.at("/properties/trigger"), type);
  }

  /** The properties of one type: those its branch of the schema refines (defaults that differ by type), else the shared ones. */
  private static JsonNode then(JsonNode object, String type) {
    for (JsonNode c : object.path("allOf")) {
      if (type.equals(c.at("/if/properties/type/const").asText())) {
        com.fasterxml.jackson.databind.node.ObjectNode merged = object.path("properties").deepCopy();
        c.at("/then/properties").fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
      }
    }
    throw new AssertionError("no branch for " + type);
  }

  static JsonNode minimal() throws Exception {
    try (InputStream in = FlowJsonTest.class.getResourceAsStream("/dev/tessera/metamodel/validation/FlowValidatorTest.minimal.json")) {
      return MetamodelJson.mapper().readTree(in).get(1);
    }
  }

  private static JsonNode json(String s) throws Exception {
    return MetamodelJson.mapper().readTree(s);
  }
}
