package dev.tessera.dedupe;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bulk import (importXs): row by row, each row created, skipped as a duplicate by the matching
 * rule's import action, or failed with its problems, without stopping the others; duplicates
 * inside one import are found too; the all-or-nothing batch create keeps the rule's own action.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ImportComponentTest {
  static final String ROWS = "rows { row status id problems { code path message } warnings { code path message } }";

  /** An entity with a required name and a phone rule acting {@code action}, on import {@code importAction}. */
  static String publish(String action, String importAction) {
    String e = Gql.unique("contact");
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "matchingRule", "name", Gql.unique("samePhone"),
        "label", label("同手机号", "Same phone"), "entity", e, "action", action, "threshold", 1,
        "criteria", List.of(Map.of("field", "phone", "match", "exact"))));
    if (importAction != null) {
      rule.put("importAction", importAction);
    }
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(e, field("name", "text", "required", true), field("phone", "phone")), rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return e;
  }

  static String plural(String e) {
    return Character.toUpperCase(e.charAt(0)) + e.substring(1) + "s";
  }

  static JsonPath importRows(String e, List<Map<String, Object>> rows) {
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    return Gql.post("mutation I($in: [" + E + "Input!]!) { import" + plural(e) + "(inputs: $in) { created skipped failed "
        + ROWS + " } }", Map.of("in", rows));
  }

  static long count(String e) {
    return Gql.ok("{ " + e + "s { totalCount } }").getLong("data." + e + "s.totalCount");
  }

  @Test
  void eachRowIsCreatedSkippedOrFailedOnItsOwn() {
    String e = publish("block", "skip");
    JsonPath r = importRows(e, List.of(
        Map.of("name", "张三", "phone", "13800000001"),
        Map.of("phone", "13800000009"),
        Map.of("name", "张三丰", "phone", "+86 138-0000-0001"),
        Map.of("name", "李四", "phone", "13800000002"),
        Map.of("name", "王五", "phone", "not a phone")));
    String p = "data.import" + plural(e) + ".";
    assertEquals(List.of("CREATED", "FAILED", "SKIPPED", "CREATED", "FAILED"), r.getList(p + "rows.status"), r.prettify());
    assertEquals(2, r.getInt(p + "created"));
    assertEquals(1, r.getInt(p + "skipped"));
    assertEquals(2, r.getInt(p + "failed"));
    assertEquals("name", r.getString(p + "rows[1].problems[0].path"), "the failed row names its field");
    assertEquals("DUPLICATE_SKIPPED", r.getString(p + "rows[2].problems[0].code"));
    String first = r.getString(p + "rows[0].id");
    assertTrue(r.getString(p + "rows[2].problems[0].message").contains(first),
        "a duplicate of an earlier row of the same import is found: " + r.getString(p + "rows[2].problems[0].message"));
    assertEquals("phone", r.getString(p + "rows[4].problems[0].path"));
    assertEquals(2, count(e), "only the created rows are stored");
    JsonPath reports = Gql.ok("{ duplicateReports(id: \"" + first + "\") " + DuplicateComponentTest.REPORT + " }");
    assertEquals("skip", reports.getString("data.duplicateReports[0].action"), "a skipped row is reported too");
  }

  @Test
  void theBatchCreateIsAllOrNothingAndKeepsTheRulesOwnAction() {
    String e = publish("block", "skip");
    JsonPath r = Gql.post("mutation I($in: [" + plural(e).substring(0, plural(e).length() - 1) + "Input!]!) { create"
        + plural(e) + "(inputs: $in) { id } }", Map.of("in", List.of(Map.of("name", "甲", "phone", "13900000001"),
            Map.of("name", "乙", "phone", "139 0000 0001"))));
    assertEquals("VALIDATION_FAILED", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals("DUPLICATE", r.getString("errors[0].extensions.problems[0].code"));
    assertEquals(0, count(e), "nothing of the batch is stored");
  }

  @Test
  void withoutAnImportActionTheRulesActionApplies() {
    String e = publish("warn", null);
    JsonPath r = importRows(e, List.of(Map.of("name", "丙", "phone", "13700000001"), Map.of("name", "丁", "phone", "13700000001")));
    assertEquals(List.of("CREATED", "CREATED"), r.getList("data.import" + plural(e) + ".rows.status"), r.prettify());
    String second = r.getString("data.import" + plural(e) + ".rows[1].id");
    assertEquals("DUPLICATE_WARNING", r.getString("data.import" + plural(e) + ".rows[1].warnings[0].code"), r.prettify());
    assertTrue(r.getString("data.import" + plural(e) + ".rows[1].warnings[0].message")
        .contains(r.getString("data.import" + plural(e) + ".rows[0].id")), "the warning names the record it resembles");
    assertEquals(List.of(), r.getList("data.import" + plural(e) + ".rows[0].warnings"));
    assertEquals("warn", Gql.ok("{ duplicateReports(id: \"" + second + "\") " + DuplicateComponentTest.REPORT + " }").getString("data.duplicateReports[0].action"));
  }

  @Test
  void anImportTooLargeIsRefusedWhole() {
    String e = publish("block", "skip");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i <= 1000; i++) {
      rows.add(Map.of("name", "n" + i));
    }
    JsonPath r = importRows(e, rows);
    assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), r.prettify());
    assertTrue(r.getString("errors[0].message").contains("1000"), r.getString("errors[0].message"));
    assertEquals(0, count(e));
  }
}
