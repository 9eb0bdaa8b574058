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
 * engine uses; every trigger and node type reads; an unknown type reads as {@code Unknown}; omitted
 * options take the defaults {@code flow.schema.json} documents.
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
    FlowNode approval = FlowJson.node(json("{\"id\": \"a\", \"type\": \"approval\", \"approvers\": []}"));
    assertInstanceOf(FlowNode.Unknown.class, approval);
    assertEquals("approval", approval.type());
    assertEquals("a", approval.id());
    assertInstanceOf(FlowTrigger.Unknown.class, FlowJson.trigger(json("{\"type\": \"recordMerged\"}")));
    for (String t : List.of("condition", "split", "updateRecord", "createRecord", "assign", "createTask", "notify", "wait",
        "callWebhook", "setVariable", "forEach", "callFlow", "end")) {
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
