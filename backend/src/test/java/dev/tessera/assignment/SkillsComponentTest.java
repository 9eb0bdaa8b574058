package dev.tessera.assignment;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Skills routing: a rotation over a team considers only the members whose membership lists the
 * skill the record needs (named by one of its fields, e.g. the product category); when nobody has
 * it, the fallback takes the record and the trace says why.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SkillsComponentTest {
  @Test
  void onlyMembersWithTheNeededSkillGetTheRecord() {
    String order = Gql.unique("order");
    String Order = Character.toUpperCase(order.charAt(0)) + order.substring(1);
    String run = order.substring(5);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(order, field("category", "text")))));
    String a = Staff.user("a" + run, "active");
    String b = Staff.user("b" + run, "active");
    String c = Staff.user("c" + run, "active");
    String d = Staff.user("d" + run, "active");
    Map<String, List<String>> members = new LinkedHashMap<>();
    members.put(a, List.of("家电"));
    members.put(b, List.of("家电", "手机"));
    members.put(c, List.of("手机"));
    Staff.team("sk" + run, members);
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "assignmentRule", "name", "bySkill" + run,
        "label", label("按技能", "By skill"), "entity", order,
        "entries", List.of(Map.of("name", "skilled", "label", label("按品类", "By category"), "when", "!isBlank(category)",
            "target", Map.of("type", "team", "key", "sk" + run),
            "strategy", Map.of("type", "roundRobin", "skillField", "category"))),
        "fallback", Map.of("type", "user", "key", d)));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    Map<String, Integer> appliances = new java.util.TreeMap<>();
    Map<String, Integer> phones = new java.util.TreeMap<>();
    for (int i = 0; i < 6; i++) {
      appliances.merge(owner(Order, "家电"), 1, Integer::sum);
      phones.merge(owner(Order, "手机"), 1, Integer::sum);
    }
    assertEquals(Map.of(a, 3, b, 3), appliances, "家电 goes to a and b only, in turn (each skill set rotates on its own)");
    assertEquals(Map.of(b, 3, c, 3), phones, "手机 goes to b and c only, in turn");
    JsonPath books = Gql.ok("mutation { create" + Order + "(input: {category: \"图书\"}) { id ownerId } }");
    assertEquals(d, books.getString("data.create" + Order + ".ownerId"), "nobody has the skill: the fallback");
    JsonPath why = Gql.ok("{ assignmentTrace(id: \"" + books.getString("data.create" + Order + ".id") + "\") { skipped { entry why } } }");
    assertTrue(why.getString("data.assignmentTrace[0].skipped[0].why").contains("图书"), why.prettify());
  }

  static String owner(String Order, String category) {
    return Gql.ok("mutation { create" + Order + "(input: {category: \"" + category + "\"}) { ownerId } }")
        .getString("data.create" + Order + ".ownerId");
  }
}
