package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.json.SlaJson;
import dev.tessera.metamodel.model.FlowNode.ApproverType;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * SLA policies: a valid one is accepted and reads with the schema's defaults; each mistake is refused at its
 * JSON path with a message in zh-CN and en (unknown entity, calendar, user; an expression that does not
 * compile, positioned; durations that do not parse, are zero or too long; a target after one that always
 * applies; the stopping conditions the targets need; an entity that has a field named sla).
 */
class SlaPolicyValidatorTest {
  private static final MetadataValidator VALIDATOR = new MetadataValidator();
  private static final String ENTITIES = """
      [{"kind": "entity", "name": "customer", "label": {"zh-CN": "客户", "en": "Customer"}, "fields": [
        {"name": "name", "type": "text", "label": {"zh-CN": "名称", "en": "Name"}},
        {"name": "tier", "type": "picklist", "label": {"zh-CN": "等级", "en": "Tier"},
         "options": [{"value": "VIP", "label": {"zh-CN": "VIP", "en": "VIP"}}, {"value": "normal", "label": {"zh-CN": "普通", "en": "Normal"}}]}]},
       {"kind": "entity", "name": "ticket", "label": {"zh-CN": "工单", "en": "Ticket"}, "fields": [
        {"name": "subject", "type": "text", "label": {"zh-CN": "主题", "en": "Subject"}},
        {"name": "priority", "type": "text", "label": {"zh-CN": "优先级", "en": "Priority"}},
        {"name": "status", "type": "text", "label": {"zh-CN": "状态", "en": "Status"}},
        {"name": "customer", "type": "reference", "target": "customer", "label": {"zh-CN": "客户", "en": "Customer"}}]},
       {"kind": "calendar", "name": "chinaMainland", "label": {"zh-CN": "中国大陆", "en": "Mainland China"}}]""";
  private static final String POLICY = """
      {"kind": "slaPolicy", "name": "ticketSla", "label": {"zh-CN": "工单时效", "en": "Ticket SLA"},
       "entity": "ticket", "calendar": "chinaMainland",
       "targets": [
         {"when": "priority == 'P0' && customer.tier == 'VIP'", "firstResponse": "PT1H", "resolution": "PT4H"},
         {"when": "priority == 'P1'", "firstResponse": "PT4H", "resolution": "P2D"},
         {"firstResponse": "P1D", "resolution": "P5D"}],
       "firstResponseWhen": "status != 'new'", "resolvedWhen": "status in ['resolved', 'closed']",
       "pauseWhen": "status == 'waitingOnCustomer'",
       "escalation": [{"after": "breach", "notify": [{"type": "recordOwner"}]},
                      {"after": "PT2H", "notify": [{"type": "manager", "levels": 1}, {"type": "user", "username": "lisi"}]}]}""";

  @Test
  void aValidPolicyIsAcceptedAndReadWithItsDefaults() throws IOException {
    assertEquals(List.of(), VALIDATOR.validate(with(json(POLICY))));
    SlaPolicyDefinition d = SlaJson.slaPolicy(json(POLICY));
    assertTrue(d.active());
    assertEquals(SlaPolicyDefinition.DEFAULT_WARN_AT, d.warnAt());
    assertEquals(ApproverType.RECORD_OWNER, d.warnNotify().get(0).type());
    assertEquals("P2D", d.targets().get(1).resolution());
    assertEquals("lisi", d.escalation().get(1).people().get(1).username());
    JsonNode schema = MetamodelJson.mapper().readTree(SlaPolicyValidatorTest.class.getResourceAsStream(
        "/dev/tessera/metamodel/schema/slaPolicy.schema.json"));
    assertEquals(schema.at("/properties/warnAt/default").asDouble(), d.warnAt());
    assertEquals(schema.at("/properties/active/default").asBoolean(), d.active());
  }

  @Test
  void aDayOfATargetIsAWorkingDay() {
    Duration nineHours = Duration.ofHours(9);
    assertEquals(Duration.ofHours(18), SlaPolicyDefinition.workingTime("P2D", nineHours).orElseThrow());
    assertEquals(Duration.ofHours(13), SlaPolicyDefinition.workingTime("P1DT4H", nineHours).orElseThrow());
    assertTrue(SlaPolicyDefinition.workingTime("two days", nineHours).isEmpty());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("unknown entity", (Consumer<ObjectNode>) p -> p.put("entity", "order"), "UNKNOWN_TARGET", "$[3].entity"),
        Arguments.of("unknown calendar", (Consumer<ObjectNode>) p -> p.put("calendar", "mars"), "UNKNOWN_TARGET", "$[3].calendar"),
        Arguments.of("bad condition", (Consumer<ObjectNode>) p -> target(p, 1).put("when", "priorty == 'P1'"),
            "INVALID_EXPRESSION", "$[3].targets[1].when"),
        Arguments.of("bad pause", (Consumer<ObjectNode>) p -> p.put("pauseWhen", "status = 'x'"), "INVALID_EXPRESSION",
            "$[3].pauseWhen"),
        Arguments.of("bad duration", (Consumer<ObjectNode>) p -> target(p, 0).put("resolution", "4 hours"),
            "INVALID_VALUE", "$[3].targets[0].resolution"),
        Arguments.of("zero duration", (Consumer<ObjectNode>) p -> target(p, 0).put("firstResponse", "PT0S"),
            "INVALID_VALUE", "$[3].targets[0].firstResponse"),
        Arguments.of("too long", (Consumer<ObjectNode>) p -> target(p, 2).put("resolution", "P400D"),
            "INVALID_VALUE", "$[3].targets[2].resolution"),
        Arguments.of("bad escalation", (Consumer<ObjectNode>) p -> ((ObjectNode) p.at("/escalation/1")).put("after", "PT-2H"),
            "INVALID_VALUE", "$[3].escalation[1].after"),
        Arguments.of("unreachable", (Consumer<ObjectNode>) p -> target(p, 1).remove("when"), "INVALID_OPTION",
            "$[3].targets[2]"),
        Arguments.of("no resolvedWhen", (Consumer<ObjectNode>) p -> p.remove("resolvedWhen"), "REQUIRED", "$[3].resolvedWhen"),
        Arguments.of("no firstResponseWhen", (Consumer<ObjectNode>) p -> p.remove("firstResponseWhen"), "REQUIRED",
            "$[3].firstResponseWhen"),
        Arguments.of("unknown user", (Consumer<ObjectNode>) p -> ((ObjectNode) p.at("/escalation/1/notify/1")).put("username", "ghost"),
            "UNKNOWN_TARGET", "$[3].escalation[1].notify[1].username"),
        Arguments.of("not a user field", (Consumer<ObjectNode>) p -> p.set("warnNotify", array("[{\"type\": \"field\", \"field\": \"subject\"}]")),
            "INVALID_OPTION", "$[3].warnNotify[0].field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeIsFoundAtItsPath(String name, Consumer<ObjectNode> change, String code, String path) throws IOException {
    ObjectNode p = (ObjectNode) json(POLICY);
    change.accept(p);
    List<Problem> problems = VALIDATOR.validate(with(p), Directory.of(Set.of("lisi"), Set.of()));
    assertTrue(problems.stream().anyMatch(x -> x.code().equals(code) && x.path().equals(path)),
        "expected " + code + " at " + path + ", got " + problems);
    for (Problem x : problems) {
      assertTrue(x.message("zh-CN").codePoints().anyMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff), x.toString());
      assertTrue(x.message("en").chars().noneMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), x.toString());
    }
  }

  @Test
  void anEntityWithAFieldNamedSlaIsRefused() throws IOException {
    List<JsonNode> defs = with(json(POLICY));
    ((com.fasterxml.jackson.databind.node.ArrayNode) defs.get(1).get("fields")).add(json(
        "{\"name\": \"sla\", \"type\": \"text\", \"label\": {\"zh-CN\": \"时效\", \"en\": \"SLA\"}}"));
    List<Problem> problems = VALIDATOR.validate(defs);
    assertTrue(problems.stream().anyMatch(x -> x.code().equals("NAME_COLLISION") && x.path().equals("$[3].entity")),
        problems.toString());
  }

  private static ObjectNode target(ObjectNode p, int i) {
    return (ObjectNode) p.get("targets").get(i);
  }

  private static JsonNode array(String s) {
    try {
      return json(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> with(JsonNode policy) throws IOException {
    List<JsonNode> all = new java.util.ArrayList<>();
    json(ENTITIES).forEach(all::add);
    all.add(policy);
    return all;
  }

  private static JsonNode json(String s) throws IOException {
    return MetamodelJson.mapper().readTree(s);
  }
}
