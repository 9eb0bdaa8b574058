package dev.tessera.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import dev.tessera.template.StarterPack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flows, message templates and calendars publish through {@code publishDefinitions} (the issue's minimal
 * flow, a template, the starter pack's mainland China calendar) and reach the typed snapshot the engine
 * reads; a flow with problems (an approval node, a wait without bound) publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class FlowDefinitionsComponentTest {
  private static final String PUBLISH = "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) "
      + "{ applied version problems { code path message } } }";

  @Inject
  MetadataRegistry registry;

  @Test
  void theMinimalFlowATemplateAndTheStarterCalendarPublish() throws Exception {
    String s = Gql.unique("f").substring(1);
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(lead(s), flow(s, "PT2S"), template(s), calendar(s))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    FlowDefinition flow = registry.current().named(FlowDefinition.class, "newLeadFollowUp" + s).orElseThrow();
    assertEquals("lead" + s, flow.entity());
    assertTrue(flow.isRecordTrigger());
    assertEquals("call", flow.start().get(0).to());
    assertTrue(flow.node("pause").orElseThrow() instanceof FlowNode.Wait);
    MessageTemplateDefinition template = registry.current().named(MessageTemplateDefinition.class, "welcome" + s).orElseThrow();
    assertEquals("您好 {{name}}", template.body().get("zh-CN"));
    CalendarDefinition calendar = registry.current().named(CalendarDefinition.class, "chinaMainland" + s).orElseThrow();
    assertEquals(46, calendar.holidays().size());
  }

  @Test
  void aFlowWithProblemsPublishesNothing() throws Exception {
    String s = Gql.unique("g").substring(1);
    int version = Gql.ok("{ metadataVersion }").getInt("data.metadataVersion");
    ObjectNode bad = flow(s, "P400D");
    ((com.fasterxml.jackson.databind.node.ArrayNode) bad.get("nodes")).add(MetamodelJson.mapper().readTree(
        "{\"id\": \"approve\", \"type\": \"approval\"}"));
    ((com.fasterxml.jackson.databind.node.ArrayNode) bad.get("edges")).add(MetamodelJson.mapper().readTree(
        "{\"from\": \"mark\", \"to\": \"approve\"}"));
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(lead(s), bad)));
    assertFalse(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    List<String> problems = r.getList("data.publishDefinitions.problems", Map.class).stream()
        .map(p -> p.get("code") + "@" + p.get("path")).toList();
    assertEquals(List.of("REQUIRED@$[1].nodes[3].title", "INVALID_VALUE@$[1].nodes[1].duration",
        "REQUIRED@$[1].nodes[3].approvers"), problems);
    assertEquals(version, Gql.ok("{ metadataVersion }").getInt("data.metadataVersion"));
    assertTrue(registry.current().named(FlowDefinition.class, "newLeadFollowUp" + s).isEmpty());
  }

  private static JsonNode lead(String s) throws Exception {
    return MetamodelJson.mapper().readTree("""
        {"kind": "entity", "name": "lead%s", "label": {"zh-CN": "线索", "en": "Lead"},
         "fields": [{"name": "name", "type": "text", "label": {"zh-CN": "姓名", "en": "Name"}},
                    {"name": "source", "type": "text", "label": {"zh-CN": "来源", "en": "Source"}},
                    {"name": "status", "type": "text", "label": {"zh-CN": "状态", "en": "Status"}}]}
        """.formatted(s));
  }

  private static ObjectNode flow(String s, String pause) throws Exception {
    return (ObjectNode) MetamodelJson.mapper().readTree("""
        {"kind": "flow", "name": "newLeadFollowUp%s", "label": {"zh-CN": "新线索跟进", "en": "New lead follow-up"},
         "trigger": {"type": "recordCreated", "entity": "lead%s", "condition": "source == 'douyin'"},
         "nodes": [
           {"id": "call", "type": "createTask", "assignee": {"type": "recordOwner"},
            "title": {"zh-CN": "联系 {{name}}", "en": "Call {{name}}"}, "dueInDays": 1},
           {"id": "pause", "type": "wait", "duration": "%s"},
           {"id": "mark", "type": "updateRecord", "set": {"status": "'waiting'"}}],
         "edges": [{"from": "trigger", "to": "call"}, {"from": "call", "to": "pause"}, {"from": "pause", "to": "mark"}]}
        """.formatted(s, s, pause));
  }

  private static JsonNode template(String s) throws Exception {
    return MetamodelJson.mapper().readTree("""
        {"kind": "messageTemplate", "name": "welcome%s", "label": {"zh-CN": "欢迎", "en": "Welcome"}, "channel": "sms",
         "entity": "lead%s", "body": {"zh-CN": "您好 {{name}}", "en": "Hello {{name}}"}}
        """.formatted(s, s));
  }

  private static JsonNode calendar(String s) {
    ObjectNode c = (ObjectNode) StarterPack.read("starter").stream()
        .filter(d -> "calendar".equals(d.path("kind").asText())).findFirst().orElseThrow().deepCopy();
    c.put("name", "chinaMainland" + s);
    c.remove("id");
    return c;
  }
}
