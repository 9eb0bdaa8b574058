package dev.tessera.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Assignment rules, pools and matching rules publish with their entity, get stable ids for their
 * entries, are listed by kind, and a bad one stops the whole publish with a positioned problem.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AutomationDefinitionsComponentTest {
  static final Path VALID = Path.of("../metamodel/src/test/resources/dev/tessera/metamodel/validation/AutomationValidatorTest.valid.json");

  @Test
  void automationDefinitionsPublishAndListByKind() throws Exception {
    String suffix = Gql.unique("x").substring(1);
    String json = Files.readString(VALID).replace("\"lead\"", "\"lead" + suffix + "\"")
        .replace("publicLeads", "publicLeads" + suffix).replace("leadAssignment", "leadAssignment" + suffix)
        .replace("sameLead", "sameLead" + suffix).replace("\"leadMain\"", "\"leadMain" + suffix + "\"")
        .replace("\"leadQuick\"", "\"leadQuick" + suffix + "\"");
    for (String team : List.of("keyAccounts", "east", "south", "senior", "junior", "inside")) {
      json = json.replace("\"" + team + "\"", "\"" + team + suffix + "\"");
      dev.tessera.support.Staff.team(team + suffix, List.of());
    }
    List<Object> defs = new JsonArray(json).getList();
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", defs));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    JsonPath pools = Gql.ok("{ definitions(kind: \"pool\") }");
    List<Map<String, Object>> all = pools.getList("data.definitions");
    Map<String, Object> pool = all.stream().filter(p -> ("publicLeads" + suffix).equals(p.get("name"))).findFirst().orElseThrow();
    assertEquals("lead" + suffix, pool.get("entity"));
    JsonPath rules = Gql.ok("{ definitions(kind: \"assignmentRule\") }");
    List<Map<String, Object>> rs = rules.getList("data.definitions");
    Map<String, Object> rule = rs.stream().filter(p -> ("leadAssignment" + suffix).equals(p.get("name"))).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) rule.get("entries");
    assertTrue(entries.stream().allMatch(e -> String.valueOf(e.get("id")).startsWith("asg_")), entries.toString());

    String broken = json.replace("\"budget >= 1000000\"", "\"budget >= '1000000'\"").replace("lead" + suffix, "lead" + suffix + "b")
        .replace("publicLeads" + suffix, "publicLeads" + suffix + "b").replace("leadAssignment" + suffix, "leadAssignment" + suffix + "b")
        .replace("sameLead" + suffix, "sameLead" + suffix + "b").replace("leadMain" + suffix, "leadMain" + suffix + "b")
        .replace("leadQuick" + suffix, "leadQuick" + suffix + "b");
    JsonPath bad = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { code path line column } } }",
        Map.of("d", new JsonArray(broken).getList()));
    assertFalse(bad.getBoolean("data.publishDefinitions.applied"));
    assertEquals("$[2].entries[0].when", bad.getString("data.publishDefinitions.problems[0].path"), bad.prettify());
    assertEquals(1, bad.getInt("data.publishDefinitions.problems[0].line"));
    assertTrue(Gql.ok("{ definitions(kind: \"entity\") }").getList("data.definitions.name").stream()
        .noneMatch(n -> ("lead" + suffix + "b").equals(n)), "nothing of the refused publish applied");
  }

  @Test
  void aRuleNamingAUserTeamOrQueueThatDoesNotExistIsRefusedUntilItExists() {
    String suffix = Gql.unique("t").substring(1);
    Map<String, Object> entity = Map.of("kind", "entity", "name", "ticket" + suffix, "label", Map.of("zh-CN", "工单", "en", "Ticket"),
        "fields", List.of(Map.of("name", "title", "type", "text", "label", Map.of("zh-CN", "标题", "en", "Title"))));
    Map<String, Object> rule = Map.of("kind", "assignmentRule", "name", "route" + suffix, "label", Map.of("zh-CN", "分配", "en", "Route"),
        "entity", "ticket" + suffix, "entries", List.of(
            Map.of("name", "vip", "label", Map.of("zh-CN", "大客户", "en", "VIP"), "when", "title == 'vip'",
                "target", Map.of("type", "user", "key", "boss" + suffix)),
            Map.of("name", "rest", "label", Map.of("zh-CN", "其他", "en", "Rest"), "target", Map.of("type", "queue", "key", "desk" + suffix))),
        "fallback", Map.of("type", "team", "key", "desk" + suffix));
    String publish = "mutation P($d: [JSON!]!, $dry: Boolean) { publishDefinitions(definitions: $d, dryRun: $dry) { applied version problems { code path message } } }";
    for (boolean dry : List.of(true, false)) {
      JsonPath refused = Gql.ok(publish, Map.of("d", List.of(entity, rule), "dry", dry));
      assertFalse(refused.getBoolean("data.publishDefinitions.applied"));
      assertEquals(List.of("UNKNOWN_TARGET@$[1].entries[0].target.key", "UNKNOWN_TARGET@$[1].entries[1].target.key",
          "UNKNOWN_TARGET@$[1].fallback.key"), refused.getList("data.publishDefinitions.problems", Map.class).stream()
          .map(p -> p.get("code") + "@" + p.get("path")).toList(), refused.prettify());
      assertTrue(refused.getString("data.publishDefinitions.problems[0].message").contains("boss" + suffix));
    }
    assertTrue(Gql.ok("{ definitions(kind: \"entity\") }").getList("data.definitions.name").stream()
        .noneMatch(n -> ("ticket" + suffix).equals(n)), "nothing of the refused publish applied");
    dev.tessera.support.Staff.user("boss" + suffix, "active");
    dev.tessera.support.Staff.team("desk" + suffix, List.of());
    JsonPath ok = Gql.ok(publish, Map.of("d", List.of(entity, rule), "dry", false));
    assertTrue(ok.getBoolean("data.publishDefinitions.applied"), ok.prettify());
  }
}
