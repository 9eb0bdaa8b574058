package dev.tessera.assignment;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.RowCounts;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * assignmentPreview: a rule that is not published (a designer's draft) run over the entity's newest
 * records as a dry run: the right owners, entries and traces, problems instead of a run for a broken
 * rule, and not one row written anywhere (owners, traces, turns, pools, change feed, metadata).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AssignmentPreviewComponentTest {
  private static final String PREVIEW = "query P($r: JSON!, $n: Int) { assignmentPreview(rule: $r, limit: $n) {"
      + " problems { code path message(locale: \"en\") } outcomes { id ownerBefore owner values trace { entry why } } } }";

  @Inject
  io.vertx.mutiny.sqlclient.Pool pool;

  @Test
  void showsWhoWouldGetTheNewestRecordsAndWritesNothing() {
    String lead = Gql.unique("plead");
    String Lead = Character.toUpperCase(lead.charAt(0)) + lead.substring(1);
    String run = lead.substring(5);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(lead, field("name", "text"), field("province", "text")))));
    String zj = Staff.user("zj" + run, "active");
    List<String> team = List.of(Staff.user("t1" + run, "active"), Staff.user("t2" + run, "active"));
    Staff.team("rest" + run, team);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String province = i % 2 == 0 ? "浙江" : "广东";
      ids.add(Gql.ok("mutation { create" + Lead + "(input: {name: \"n" + i + "\", province: \"" + province
          + "\", ownerId: \"manual\"}) { id } }").getString("data.create" + Lead + ".id"));
    }
    Map<String, Object> rule = rule(lead, run, zj);
    Map<String, Long> before = RowCounts.of(pool);

    JsonPath first = Gql.ok(PREVIEW, Map.of("r", rule, "n", 4));
    assertEquals(List.of(), first.getList("data.assignmentPreview.problems"), first.prettify());
    assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1)), first.getList("data.assignmentPreview.outcomes.id"),
        "the four newest records, newest first");
    assertEquals(List.of("byProvince", "rest", "byProvince", "rest"), first.getList("data.assignmentPreview.outcomes.trace.entry"));
    List<String> owners = first.getList("data.assignmentPreview.outcomes.owner");
    assertEquals(zj, owners.get(0));
    assertEquals(zj, owners.get(2));
    assertTrue(team.contains(owners.get(1)) && team.contains(owners.get(3)) && !owners.get(1).equals(owners.get(3)),
        "the team rotation previews consecutive turns: " + owners);
    assertEquals("manual", first.getString("data.assignmentPreview.outcomes[0].ownerBefore"));
    assertEquals("n4", first.getString("data.assignmentPreview.outcomes[0].values.name"));

    assertEquals(owners, Gql.ok(PREVIEW, Map.of("r", rule, "n", 4)).getList("data.assignmentPreview.outcomes.owner"),
        "a preview takes no turns, so the next shows the same");
    assertEquals(before, RowCounts.of(pool), "a preview writes nothing");
    for (String id : ids) {
      assertEquals("manual", Gql.ok("{ " + lead + "(id: \"" + id + "\") { ownerId } }").getString("data." + lead + ".ownerId"));
    }
    assertEquals(0, Gql.ok("{ definitions(kind: \"assignmentRule\") }").getList("data.definitions").stream()
        .filter(d -> ((Map<?, ?>) d).get("name").equals(rule.get("name"))).count(), "the rule is not published");
  }

  @Test
  void aRuleWithProblemsIsNotRunAndItsProblemsPointIntoIt() {
    String lead = Gql.unique("qlead");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(lead, field("name", "text")))));
    Map<String, Object> rule = rule(lead, "x", "nobodyCalledThis");
    JsonPath r = Gql.ok(PREVIEW, Map.of("r", rule, "n", 10));
    List<String> paths = r.getList("data.assignmentPreview.problems.path");
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("$[0].entries[0]")), r.prettify());
    assertEquals(List.of(), r.getList("data.assignmentPreview.outcomes"));
  }

  private static Map<String, Object> rule(String lead, String run, String zj) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "assignmentRule");
    rule.put("name", "draft" + run);
    rule.put("label", label("草稿", "Draft"));
    rule.put("entity", lead);
    rule.put("entries", List.of(
        Map.of("name", "byProvince", "label", label("浙江", "Zhejiang"),
            "conditions", List.of(Map.of("field", "province", "op", "eq", "value", "浙江")),
            "target", Map.of("type", "user", "key", zj)),
        Map.of("name", "rest", "label", label("其他", "Rest"), "target", Map.of("type", "team", "key", "rest" + run))));
    return rule;
  }
}
