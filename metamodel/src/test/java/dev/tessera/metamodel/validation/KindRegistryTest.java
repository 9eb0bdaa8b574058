package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FormDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.Target;
import dev.tessera.metamodel.schema.DefinitionSchemas;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kind registry: every kind reads to its typed record with the defaults its JSON Schema
 * documents (one place in code, checked against the schema here), an unknown kind is refused as such
 * and never validated as another kind, a new kind plugs in with a reader and a validator, and rules
 * naming users, teams or queues that do not exist are refused with {@code UNKNOWN_TARGET}.
 */
class KindRegistryTest {
  private static final KindRegistry KINDS = KindRegistry.standard();

  @Test
  void everyKindHasItsSchemaAndReadsToItsRecord() throws Exception {
    assertEquals(List.of("entity", "assignmentRule", "pool", "matchingRule", "form", "role", "flow", "messageTemplate", "calendar",
        "webhookSource", "slaPolicy"), KINDS.names());
    new DefinitionSchemas(KINDS.names());
    for (JsonNode d : valid()) {
      Definition typed = KINDS.read(d).orElseThrow();
      assertEquals(d.get("kind").asText(), typed.kind());
      assertEquals(d.get("name").asText(), typed.name());
    }
  }

  @Test
  void omittedOptionsTakeTheDefaultsTheSchemasDocument() throws Exception {
    AssignmentRuleDefinition rule = (AssignmentRuleDefinition) KINDS.read(json("""
        {"kind": "assignmentRule", "name": "r", "entity": "lead", "entries": [{"name": "a", "target": {"type": "team", "key": "t"}}]}
        """)).orElseThrow();
    JsonNode schema = schema("assignmentRule");
    assertEquals(schema.at("/properties/active/default").asBoolean(), rule.active());
    assertEquals(schema.at("/properties/runOn/properties/create/default").asBoolean(), rule.runOn().create());
    assertEquals(schema.at("/properties/runOn/properties/update/default").asBoolean(), rule.runOn().update());
    assertEquals(schema.at("/$defs/entry/properties/skipUnavailable/default").asBoolean(), rule.entries().get(0).skipUnavailable());
    assertEquals(AssignmentRuleDefinition.StrategyType.ROUND_ROBIN, rule.entries().get(0).strategy().sharing());
    assertNull(rule.entries().get(0).strategy().workload());

    PoolDefinition pool = (PoolDefinition) KINDS.read(json("{\"kind\": \"pool\", \"name\": \"p\", \"entity\": \"lead\"}")).orElseThrow();
    assertEquals(schema("pool").at("/properties/checkEveryMinutes/default").asInt(), pool.checkEveryMinutes());
    assertEquals(0, pool.cooldownDays());
    assertNull(pool.claimLimits().perDay());

    MatchingRuleDefinition match = (MatchingRuleDefinition) KINDS.read(json("""
        {"kind": "matchingRule", "name": "m", "entity": "lead", "criteria": [{"field": "name", "match": "fuzzy"}]}
        """)).orElseThrow();
    JsonNode ms = schema("matchingRule");
    assertEquals(ms.at("/properties/action/default").asText(), match.action().jsonName());
    assertEquals(match.action(), match.importAction(), "importAction defaults to the action");
    assertEquals(0, ms.at("/properties/threshold/default").decimalValue().compareTo(match.threshold()));
    assertEquals(ms.at("/properties/notifyOwners/default").asBoolean(), match.notifyOwners());
    assertEquals(0, ms.at("/properties/criteria/items/properties/weight/default").decimalValue()
        .compareTo(match.criteria().get(0).weight()));
    assertEquals(ms.at("/properties/criteria/items/properties/compareAs/default").asText(),
        match.criteria().get(0).comparedAs().jsonName());

    FormDefinition form = (FormDefinition) KINDS.read(json("""
        {"kind": "form", "name": "f", "entity": "lead", "sections": [{"name": "s", "fields": [{"field": "name"}]}]}
        """)).orElseThrow();
    JsonNode fs = schema("form");
    assertEquals(fs.at("/properties/default/default").asBoolean(), form.isDefault());
    assertEquals(List.of(), form.tabs());
    assertEquals(fs.at("/$defs/section/properties/columns/default").asInt(), form.sections().get(0).columns());
    assertEquals(fs.at("/$defs/placement/properties/column/default").asInt(), form.sections().get(0).fields().get(0).column());
    assertEquals(fs.at("/$defs/placement/properties/span/default").asInt(), form.sections().get(0).fields().get(0).span());
  }

  @Test
  void aRoleTakesTheDefaultsItsSchemaDocuments() throws Exception {
    RoleDefinition role = (RoleDefinition) KINDS.read(json(
        "{\"kind\": \"role\", \"name\": \"r\", \"entities\": {\"lead\": {\"fields\": {\"phone\": \"none\"}}}}"))
        .orElseThrow();
    JsonNode rs = schema("role");
    RoleDefinition.EntityAccess lead = role.entities().get("lead");
    assertEquals(rs.at("/$defs/entityAccess/properties/create/default").asBoolean(), lead.create());
    assertEquals(rs.at("/$defs/entityAccess/properties/read/default").asBoolean(), lead.read());
    assertEquals(rs.at("/$defs/entityAccess/properties/update/default").asBoolean(), lead.update());
    assertEquals(rs.at("/$defs/entityAccess/properties/delete/default").asBoolean(), lead.delete());
    assertEquals(rs.at("/$defs/entityAccess/properties/scope/default").asText(), lead.scope().type().name().toLowerCase());
    assertEquals(List.of(), role.capabilities());
    assertEquals(RoleDefinition.FieldAccess.NONE, lead.field("phone"));
    assertEquals(RoleDefinition.FieldAccess.READ, lead.field("email"), "a field not listed follows the entity: read only");
  }

  @Test
  void flowsCalendarsAndTemplatesTakeTheDefaultsTheirSchemasDocument() throws Exception {
    FlowDefinition flow = (FlowDefinition) KINDS.read(json("""
        {"kind": "flow", "name": "f", "trigger": {"type": "manual", "entity": "lead"}, "nodes": [], "edges": []}
        """)).orElseThrow();
    JsonNode fs = schema("flow");
    assertEquals(fs.at("/properties/enabled/default").asBoolean(), flow.enabled());
    assertEquals(fs.at("/properties/runAs/default/type").asText(), flow.runAs().type().name().toLowerCase());
    assertEquals(fs.at("/properties/reenrollment/default").asText(), flow.reenrollment().jsonName());
    assertEquals(fs.at("/properties/limits/properties/maxStartsPerMinute/default").asInt(), flow.limits().maxStartsPerMinute());

    CalendarDefinition calendar = (CalendarDefinition) KINDS.read(json("{\"kind\": \"calendar\", \"name\": \"c\"}")).orElseThrow();
    JsonNode cs = schema("calendar");
    assertEquals(cs.at("/properties/timezone/default").asText(), calendar.timezone());
    assertEquals(cs.at("/properties/workingDays/default").size(), calendar.workingDays().size());
    assertEquals(cs.at("/properties/workingHours/default/0/from").asText(), calendar.workingHours().get(0).from().toString());
    assertEquals(cs.at("/properties/workingHours/default/0/to").asText(), calendar.workingHours().get(0).to().toString());

    MessageTemplateDefinition template = (MessageTemplateDefinition) KINDS.read(json(
        "{\"kind\": \"messageTemplate\", \"name\": \"t\", \"body\": {\"zh-CN\": \"你好\", \"en\": \"Hi\"}}")).orElseThrow();
    assertNull(template.channel(), "no channel: any");
    assertNull(template.entity());
  }

  @Test
  void theIssuesMinimalRoleIsAlwaysAccepted() throws Exception {
    List<JsonNode> defs = new ArrayList<>();
    try (InputStream in = KindRegistryTest.class.getResourceAsStream("MetadataValidatorTest.designExample.json")) {
      MetamodelJson.mapper().readTree(in).forEach(defs::add);
    }
    defs.add(json("""
        {"kind": "role", "name": "sales", "label": {"zh-CN": "销售", "en": "Sales"},
         "entities": {"customer": {"create": true, "read": true, "update": true, "delete": false,
                                   "scope": "own", "fields": {"phone": "none", "annualSpend": "read"}}}}
        """));
    assertEquals(List.of(), new MetadataValidator().validate(defs));
    RoleDefinition sales = (RoleDefinition) KINDS.read(defs.get(defs.size() - 1)).orElseThrow();
    RoleDefinition.EntityAccess customer = sales.entities().get("customer");
    assertEquals(RoleDefinition.RecordScope.OWN, customer.scope());
    assertEquals(RoleDefinition.FieldAccess.READ, customer.field("annualSpend"));
    assertEquals(RoleDefinition.FieldAccess.WRITE, customer.field("email"), "not listed: the entity may be written");
  }

  @Test
  void typedRecordsCannotBeChangedFromOutside() throws Exception {
    PoolDefinition pool = (PoolDefinition) KINDS.read(valid().get(1)).orElseThrow();
    JsonNode value = pool.claimLimits().heldWhen().get(0).value();
    ((com.fasterxml.jackson.databind.node.ArrayNode) value).add("lost");
    assertEquals(2, pool.claimLimits().heldWhen().get(0).value().size());
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> pool.teams().add("x"));
  }

  @Test
  void anUnknownKindIsRefusedAsSuchAndNeverValidatedAsAnother() throws Exception {
    JsonNode flow = json("{\"kind\": \"flo\", \"name\": \"x\", \"fields\": 3, \"entity\": \"nope\"}");
    List<Problem> problems = new MetadataValidator().validate(List.of(flow));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("UNKNOWN_KIND", problems.get(0).code());
    assertEquals("$[0].kind", problems.get(0).path());
    assertTrue(KINDS.read(flow).isEmpty());
  }

  @Test
  void aNewKindPlugsInWithARecordASchemaAndAValidator() throws Exception {
    record Note(String id, String name, LocalizedText label) implements Definition {
      @Override
      public String kind() {
        return "entity";
      }
    }
    // the entity schema stands in for the new kind's own resource; the reader and validator are the new kind's
    KindRegistry plus = KINDS.with(new Kind<>("entity", Note.class, j -> new Note(null, j.path("name").asText(), null),
        (n, base, ctx) -> n.name().startsWith("x") ? List.of(Problem.of(ProblemCode.INVALID_NAME, base + ".name", "不行", "No")) : List.of()));
    List<Problem> problems = new MetadataValidator(plus).validate(List.of(json(
        "{\"kind\": \"entity\", \"name\": \"xy\", \"label\": {\"zh-CN\": \"甲\", \"en\": \"A\"}, \"fields\": []}")));
    assertEquals(List.of("INVALID_NAME@$[0].name"), problems.stream().map(p -> p.code() + "@" + p.path()).toList());
    assertInstanceOf(Note.class, plus.read(json("{\"kind\": \"entity\", \"name\": \"n\"}")).orElseThrow());
  }

  @Test
  void rulesMustNameUsersTeamsAndQueuesThatExist() throws Exception {
    List<JsonNode> defs = valid();
    ((ObjectNode) defs.get(2).at("/entries/2/strategy/tiers/0")).set("target", json("{\"type\": \"queue\", \"key\": \"ghosts\"}"));
    ((ObjectNode) defs.get(2)).set("fallback", json("{\"type\": \"user\", \"key\": \"nobody\"}"));
    Directory directory = Directory.of(Set.of("zhangsan", "lisi"), Set.of("east", "south", "senior", "junior", "keyAccounts", "inside"));
    List<String> found = new ArrayList<>();
    for (Problem p : new MetadataValidator().validate(defs, directory)) {
      found.add(p.code() + "@" + p.path());
      assertTrue(p.message("zh-CN").contains("不存在") && p.message("en").contains("There is no"), p.toString());
    }
    assertEquals(List.of("UNKNOWN_TARGET@$[2].entries[2].strategy.tiers[0].target.key", "UNKNOWN_TARGET@$[2].fallback.key"), found);
    ((ObjectNode) defs.get(1)).set("teams", json("[\"east\", \"west\"]"));
    assertTrue(new MetadataValidator().validate(defs, directory).stream()
        .anyMatch(p -> p.code().equals("UNKNOWN_TARGET") && p.path().equals("$[1].teams[1]")));
    assertEquals(List.of(), new MetadataValidator().validate(valid(), Directory.of(Set.of(),
        Set.of("east", "south", "senior", "junior", "keyAccounts", "inside"))));
  }

  @Test
  void aTargetIsReadWhateverItsKind() throws Exception {
    AssignmentRuleDefinition rule = (AssignmentRuleDefinition) KINDS.read(valid().get(2)).orElseThrow();
    assertEquals(new Target(Target.Type.POOL, "publicLeads"), rule.fallback());
    assertEquals(new BigDecimal("2"), rule.entries().get(3).strategy().weights().get("zhangsan"));
  }

  private static JsonNode json(String s) throws Exception {
    return MetamodelJson.mapper().readTree(s);
  }

  private static JsonNode schema(String kind) throws Exception {
    return json(DefinitionSchemas.resource(kind));
  }

  private static List<JsonNode> valid() throws Exception {
    try (InputStream in = KindRegistryTest.class.getResourceAsStream("AutomationValidatorTest.valid.json")) {
      List<JsonNode> out = new ArrayList<>();
      MetamodelJson.mapper().readTree(in).forEach(d -> out.add(d.deepCopy()));
      return out;
    }
  }
}
