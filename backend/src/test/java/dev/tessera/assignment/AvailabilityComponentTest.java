package dev.tessera.assignment;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.Staff;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A member who goes on leave stops getting records soon after (team members are cached briefly). */
@QuarkusTest
@QuarkusTestResource(dev.tessera.support.TestDatabase.class)
class AvailabilityComponentTest {
  @Test
  void aMemberOnLeaveStopsGettingRecords() throws Exception {
    String run = Gql.unique("av").substring(2);
    String e = "case" + run;
    String E = "Case" + run;
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "assignmentRule", "name", "cases" + run,
        "label", label("工单", "Cases"), "entity", e, "entries", List.of(Map.of("name", "all", "label", label("全部", "All"),
            "target", Map.of("type", "team", "key", "duo" + run)))));
    String a = Staff.user("a" + run, "active");
    String b = Staff.user("b" + run, "active");
    Staff.team("duo" + run, List.of(a, b));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(e, field("title", "text")), rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    Set<String> owners = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      owners.add(owner(E));
    }
    assertEquals(Set.of(a, b), owners, "both get records while both are active");
    String id = Gql.ok("{ users(filter: {username: {eq: \"" + a + "\"}}) { nodes { id version } } }").getString("data.users.nodes[0].id");
    Gql.ok("mutation { updateUser(id: \"" + id + "\", version: 1, patch: {status: \"onLeave\"}) { id } }");
    long deadline = System.currentTimeMillis() + 8_000;
    while (owner(E).equals(a) || owner(E).equals(a)) {
      assertTrue(System.currentTimeMillis() < deadline, "the member on leave still gets records");
      Thread.sleep(200);
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(b, owner(E));
    }
  }

  static String owner(String E) {
    return Gql.ok("mutation { create" + E + "(input: {title: \"t\"}) { ownerId } }").getString("data.create" + E + ".ownerId");
  }
}
