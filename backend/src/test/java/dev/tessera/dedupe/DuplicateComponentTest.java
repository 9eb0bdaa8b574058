package dev.tessera.dedupe;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Duplicate prevention: phones in any format and emails in any case or with a +tag are the same
 * contact; block stops the write and reports it to both owners; warn and link let it through and
 * report it; a rule added later finds duplicates among records stored before it.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DuplicateComponentTest {
  /** Every field of a DuplicateReport, for the tests that read reports. */
  static final String REPORT = "{ rule entity recordId duplicateOf owner otherOwner action score matched foundAt }";

  static Map<String, Object> rule(String name, String entity, String action, double threshold) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "matchingRule");
    r.put("name", name);
    r.put("label", label("查重", "Duplicates"));
    r.put("entity", entity);
    r.put("action", action);
    r.put("threshold", threshold);
    r.put("criteria", List.of(Map.of("field", "phone", "match", "exact"), Map.of("field", "email", "match", "exact"),
        Map.of("field", "name", "match", "fuzzy", "weight", 0.5)));
    return r;
  }

  static String publish(String action, boolean withRule) {
    String e = Gql.unique("buyer");
    List<Object> defs = new java.util.ArrayList<>(List.of(entity(e, field("name", "text"), field("phone", "phone"),
        field("email", "email"))));
    if (withRule) {
      defs.add(rule(Gql.unique("same"), e, action, 0.6));
    }
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes problems { path message } } }",
        Map.of("d", defs));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return e;
  }

  static JsonPath create(String e, String input) {
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    return Gql.post("mutation { create" + E + "(input: {" + input + "}) { id ownerId } }");
  }

  @Test
  void aPhoneInAnotherFormatIsBlockedAndReportedToBothOwners() {
    String e = publish("block", true);
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    String first = create(e, "name: \"王小明\", phone: \"+86 138-0013-8000\", ownerId: \"wang\"").getString("data.create" + E + ".id");
    long before = Gql.ok("{ " + e + "s { totalCount } }").getLong("data." + e + "s.totalCount");
    JsonPath dup = create(e, "name: \"王晓明\", phone: \"13800138000\", ownerId: \"li\"");
    assertEquals("VALIDATION_FAILED", dup.getString("errors[0].extensions.code"), dup.prettify());
    assertEquals("DUPLICATE", dup.getString("errors[0].extensions.problems[0].code"));
    assertEquals("phone", dup.getString("errors[0].extensions.problems[0].field"));
    assertTrue(dup.getString("errors[0].message").contains(first) && dup.getString("errors[0].message").contains("wang"),
        dup.getString("errors[0].message"));
    assertEquals(before, Gql.ok("{ " + e + "s { totalCount } }").getLong("data." + e + "s.totalCount"), "nothing stored");
    JsonPath forWang = Gql.ok("{ duplicateReports(owner: \"wang\") " + REPORT + " }");
    JsonPath forLi = Gql.ok("{ duplicateReports(owner: \"li\") " + REPORT + " }");
    assertTrue(forWang.getList("data.duplicateReports.duplicateOf").contains(first), forWang.prettify());
    assertTrue(forLi.getList("data.duplicateReports.duplicateOf").contains(first), forLi.prettify());
    assertEquals("block", forLi.getString("data.duplicateReports[0].action"));
  }

  @Test
  void emailsMatchWhateverTheCaseOrTagAndOtherContactsPass() {
    String e = publish("block", true);
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    assertNull(create(e, "name: \"Li Lei\", email: \"li.lei@qq.com\"").get("errors"));
    assertEquals("email", create(e, "name: \"Lei Li\", email: \"Li.Lei+douyin@QQ.com\"").getString("errors[0].extensions.problems[0].field"));
    assertNull(create(e, "name: \"Han Meimei\", email: \"han@qq.com\", phone: \"13900001111\"").get("errors"), "a different contact");
    JsonPath sameNameOnly = create(e, "name: \"Li Lei\", phone: \"13700001111\"");
    assertNull(sameNameOnly.get("errors"), "a similar name alone is below the threshold: " + sameNameOnly.prettify());
    assertTrue(create(e, "name: \"x\", phone: \"13900001111\", email: \"han@qq.com\"").getString("errors[0].message").contains("phone, email"),
        "both matching fields are named");
    String id = create(e, "name: \"Han Meimei\", phone: \"13600001111\"").getString("data.create" + E + ".id");
    JsonPath upd = Gql.post("mutation { update" + E + "(id: \"" + id + "\", version: 1, patch: {phone: \"+86 139 0000 1111\"}) { id } }");
    assertEquals("DUPLICATE", upd.getString("errors[0].extensions.problems[0].code"), "an update into a duplicate is checked too");
  }

  @Test
  void warnAndLinkLetTheWriteThroughAndReportIt() {
    for (String action : List.of("warn", "link")) {
      String e = publish(action, true);
      String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
      String first = create(e, "name: \"赵六\", phone: \"13512345678\", ownerId: \"zhao\"").getString("data.create" + E + ".id");
      JsonPath second = create(e, "name: \"赵六\", phone: \"135 1234 5678\", ownerId: \"qian\"");
      assertNull(second.get("errors"), second.prettify());
      assertEquals("warn".equals(action) ? "DUPLICATE_WARNING" : "DUPLICATE_LINKED",
          second.getString("extensions.warnings[0].code"), "the writer is told at once: " + second.prettify());
      assertTrue(second.getString("extensions.warnings[0].message").contains(first), second.prettify());
      assertEquals(List.of("create" + E), second.getList("extensions.warnings[0].path"));
      String id = second.getString("data.create" + E + ".id");
      JsonPath reports = Gql.ok("{ duplicateReports(id: \"" + id + "\") " + REPORT + " }");
      assertEquals(first, reports.getString("data.duplicateReports[0].duplicateOf"));
      assertEquals(action, reports.getString("data.duplicateReports[0].action"));
      assertEquals("zhao", reports.getString("data.duplicateReports[0].otherOwner"));
    }
  }

  @Test
  void similarNamesAndCompaniesAreFoundByTheTrigramIndex() {
    String e = Gql.unique("prospect");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    Map<String, Object> fuzzy = new LinkedHashMap<>(Map.of("kind", "matchingRule", "name", Gql.unique("similar"),
        "label", label("相似", "Similar"), "entity", e, "action", "warn", "threshold", 0.5,
        "criteria", List.of(Map.of("field", "name", "match", "fuzzy", "minSimilarity", 0.3),
            Map.of("field", "company", "match", "fuzzy", "minSimilarity", 0.3))));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(entity(e, field("name", "text"), field("company", "text")), fuzzy)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    String first = create(e, "name: \"Zhang Wei\", company: \"Hangzhou Yunfan Technology\"").getString("data.create" + E + ".id");
    create(e, "name: \"Liu Yang\", company: \"Shenzhen Haida Trading\"");
    String second = create(e, "name: \"Zhang  Wei\", company: \"Hangzhou Yunfan Tech\"").getString("data.create" + E + ".id");
    JsonPath reports = Gql.ok("{ duplicateReports(id: \"" + second + "\") " + REPORT + " }");
    assertEquals(List.of(first), reports.getList("data.duplicateReports.duplicateOf"), reports.prettify());
    String third = create(e, "name: \"Wang Fang\", company: \"Beijing Star Media\"").getString("data.create" + E + ".id");
    assertEquals(List.of(), Gql.ok("{ duplicateReports(id: \"" + third + "\") " + REPORT + " }").getList("data.duplicateReports"));
  }

  @Test
  void aRuleAddedLaterFindsDuplicatesAmongEarlierRecords() {
    String e = publish("block", false);
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    assertNull(create(e, "name: \"孙七\", phone: \"13311112222\"").get("errors"));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes } }",
        Map.of("d", List.of(rule(Gql.unique("later"), e, "block", 0.6))));
    dev.tessera.support.Jobs.awaitKeyRebuild(r, e, 1);
    assertEquals("DUPLICATE", create(e, "name: \"孙七\", phone: \"+8613311112222\"").getString("errors[0].extensions.problems[0].code"));
  }

  @Test
  void aNewRuleAppliesToNewWritesAtOnceWhileEarlierRecordsAreRebuiltInTheBackground() {
    String e = publish("block", false);
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes } }",
        Map.of("d", List.of(rule(Gql.unique("now"), e, "block", 0.6))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    assertNull(create(e, "name: \"周八\", phone: \"13344445555\"").get("errors"));
    assertEquals("DUPLICATE", create(e, "name: \"周八\", phone: \"133 4444 5555\"").getString("errors[0].extensions.problems[0].code"),
        "the rule published a moment ago already checks new writes");
    JsonPath jobs = Gql.ok("{ backgroundJobs(first: 100) { id kind entity state } }");
    assertTrue(jobs.getList("data.backgroundJobs.entity").contains(e), jobs.prettify());
  }
}
