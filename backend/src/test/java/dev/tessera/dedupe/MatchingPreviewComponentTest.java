package dev.tessera.dedupe;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.RowCounts;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * matchingPreview: which stored records a matching rule that is not published would flag, found both
 * through the stored keys of fields other rules already key and by comparing the newest records with
 * each other, each pair once, without writing a key, a report or a version.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class MatchingPreviewComponentTest {
  private static final String PREVIEW = "query P($r: JSON!) { matchingPreview(rule: $r) {"
      + " problems { path } flagged { id duplicateOfId score matched values duplicateOfValues } } }";

  @Inject
  io.vertx.mutiny.sqlclient.Pool pool;

  @Test
  void flagsThePairsTheRuleWouldFindAndWritesNothing() {
    String e = Gql.unique("mcust");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(e, field("name", "text"), field("phone", "phone"), field("city", "text")))));
    String a = create(E, "name: \"张三\", phone: \"13800138000\", city: \"杭州\"");
    String b = create(E, "name: \"张三丰\", phone: \"+86 138 0013 8000\", city: \"杭州\"");
    create(E, "name: \"李四\", phone: \"13900139000\", city: \"宁波\"");
    String c = create(E, "name: \"王五\", phone: \"13700137000\", city: \"宁波\"");
    Map<String, Long> before = RowCounts.of(pool);

    JsonPath phone = Gql.ok(PREVIEW, Map.of("r", rule(e, "phone")));
    assertEquals(1, phone.getList("data.matchingPreview.flagged").size(), phone.prettify());
    assertEquals(Set.of(a, b), Set.of(phone.getString("data.matchingPreview.flagged[0].id"),
        phone.getString("data.matchingPreview.flagged[0].duplicateOfId")), "the same phone written two ways");
    assertEquals(List.of("phone"), phone.getList("data.matchingPreview.flagged[0].matched"));
    assertEquals(1.0, phone.getDouble("data.matchingPreview.flagged[0].score"));

    JsonPath city = Gql.ok(PREVIEW, Map.of("r", rule(e, "city")));
    assertEquals(2, city.getList("data.matchingPreview.flagged").size(), "杭州 and 宁波, each pair once: " + city.prettify());
    assertTrue(city.getList("data.matchingPreview.flagged.id").contains(c) || city.getList("data.matchingPreview.flagged.duplicateOfId").contains(c));
    assertEquals(before, RowCounts.of(pool), "a preview writes nothing");
  }

  @Test
  void aRuleWithProblemsIsNotRun() {
    String e = Gql.unique("mbad");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(e, field("name", "text")))));
    JsonPath r = Gql.ok(PREVIEW, Map.of("r", rule(e, "nothing")));
    assertTrue(r.getList("data.matchingPreview.problems.path").stream().anyMatch(p -> p.toString().startsWith("$[0].criteria[0]")),
        r.prettify());
    assertEquals(List.of(), r.getList("data.matchingPreview.flagged"));
  }

  private static String create(String E, String input) {
    return Gql.ok("mutation { create" + E + "(input: {" + input + "}) { id } }").getString("data.create" + E + ".id");
  }

  private static Map<String, Object> rule(String e, String field) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "matchingRule");
    r.put("name", Gql.unique("draft"));
    r.put("label", label("草稿", "Draft"));
    r.put("entity", e);
    r.put("action", "warn");
    r.put("threshold", 1);
    r.put("criteria", List.of(Map.of("field", field, "match", "exact")));
    return r;
  }
}
