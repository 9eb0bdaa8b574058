package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Types that help clients: non-null where a value is guaranteed, useful results, errors kept to their field. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientTypesComponentTest {
  static final String PUBLISH = "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { code path message } } }";

  static String kind(String type, String field) {
    return Gql.ok("{ __type(name: \"" + type + "\") { fields { name type { kind } } } }").getList("data.__type.fields")
        .stream().map(f -> (Map<?, ?>) f).filter(f -> f.get("name").equals(field))
        .map(f -> String.valueOf(((Map<?, ?>) f.get("type")).get("kind"))).findFirst().orElseThrow();
  }

  @Test
  void requiredFieldsAreNonNullAndOthersNullable() {
    String name = Gql.unique("lead");
    String type = RecordApiComponentTest.cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text", "required", true), field("note", "text"),
        field("code", "autoNumber", "format", "L-{000}", "required", true)))));
    assertEquals("NON_NULL", kind(type, "title"));
    assertEquals("SCALAR", kind(type, "note"));
    assertEquals("SCALAR", kind(type, "code"), "computed: records from before the field have none");
  }

  @Test
  void makingAFieldRequiredFillsItsDefaultIntoExistingRecords() {
    String name = Gql.unique("deal");
    String type = RecordApiComponentTest.cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text")))));
    String id = Gql.ok("mutation { create" + type + "(input: {title: \"a\"}) { id } }").getString("data.create" + type + ".id");
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text"),
        field("stage", "text", "required", true, "default", "new")))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    assertEquals("new", Gql.ok("{ " + name + "(id: \"" + id + "\") { stage } }").getString("data." + name + ".stage"));
  }

  @Test
  void makingAFieldRequiredWithoutDefaultIsRefusedWhileRecordsLackIt() {
    String name = Gql.unique("task");
    String type = RecordApiComponentTest.cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text")))));
    String id = Gql.ok("mutation { create" + type + "(input: {title: \"a\"}) { id } }").getString("data.create" + type + ".id");
    Gql.ok("mutation { delete" + type + "(id: \"" + id + "\") { id } }");
    JsonPath refused = Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text"),
        field("due", "date", "required", true)))));
    assertFalse(refused.getBoolean("data.publishDefinitions.applied"), "the recycle bin counts too: " + refused.prettify());
    assertEquals("PUBLISH_FAILED", refused.getString("data.publishDefinitions.problems[0].code"));
    assertEquals(name + ".due", refused.getString("data.publishDefinitions.problems[0].path"));
    assertTrue(refused.getString("data.publishDefinitions.problems[0].message").startsWith("1 "), refused.prettify());
    assertEquals("SCALAR", kind(type, "title"), "nothing applied");
  }

  @Test
  void deleteReturnsTheDeletedRecord() {
    String name = Gql.unique("memo");
    String type = RecordApiComponentTest.cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text")))));
    String id = Gql.ok("mutation { create" + type + "(input: {title: \"gone\"}) { id } }").getString("data.create" + type + ".id");
    JsonPath r = Gql.ok("mutation { delete" + type + "(id: \"" + id + "\") { id title deletedAt } }");
    assertEquals(id, r.getString("data.delete" + type + ".id"));
    assertEquals("gone", r.getString("data.delete" + type + ".title"));
    assertNotNull(r.getString("data.delete" + type + ".deletedAt"));
  }

  @Test
  void oneFieldsErrorDoesNotNullItsSiblings() {
    JsonPath q = Gql.post("{ metadataVersion duplicateReports { rule } }");
    assertNotNull(q.get("data.metadataVersion"), q.prettify());
    assertNull(q.get("data.duplicateReports"));
    assertEquals(List.of("duplicateReports"), q.getList("errors[0].path"));
    String name = Gql.unique("note");
    String type = RecordApiComponentTest.cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text", "required", true)))));
    JsonPath m = Gql.post("mutation { a: create" + type + "(input: {title: \"kept\"}) { id } b: create" + type
        + "(input: {}) { id } }");
    assertNotNull(m.get("data.a.id"), "the first mutation ran and says so: " + m.prettify());
    assertNull(m.get("data.b"));
    assertEquals("VALIDATION_FAILED", m.getString("errors[0].extensions.code"));
  }
}
