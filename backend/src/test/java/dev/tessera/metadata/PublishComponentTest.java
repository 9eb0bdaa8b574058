package dev.tessera.metadata;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.options;
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
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PublishComponentTest {
  private static final String PUBLISH = """
      mutation P($d: [JSON!]!, $dry: Boolean) { publishDefinitions(definitions: $d, dryRun: $dry) {
        version applied problems { code path message } changes } }""";

  @Inject
  Pool pool;

  static JsonPath publish(Object... defs) {
    return Gql.ok(PUBLISH, Map.of("d", List.of(defs)));
  }

  @Test
  void publishCreatesTableAndGraphQlApi() {
    String name = Gql.unique("lead");
    JsonPath r = publish(entity(name, field("title", "text", "required", true, "indexed", true),
        field("amount", "money")));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    assertNotNull(r.get("data.publishDefinitions.version"));
    assertTrue(tableExists("rec_" + name));
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    JsonPath created = Gql.ok("mutation { create" + type + "(input: {title: \"首单\", amount: 12.5}) { id version title amount } }");
    assertEquals("首单", created.getString("data.create" + type + ".title"));
    assertEquals(1, created.getInt("data.create" + type + ".version"));
  }

  @Test
  void failingPublishChangesNothing() {
    String good = Gql.unique("account");
    publish(entity(good, field("name", "text")));
    int version = Gql.ok("{ metadataVersion }").getInt("data.metadataVersion");
    String fresh = Gql.unique("ticket");
    // one valid new entity plus an invalid change to the existing one: nothing may be applied
    JsonPath r = publish(entity(fresh, field("subject", "text")),
        entity(good, field("name", "text"), field("1bad", "text"), field("kind", "picklist")));
    assertFalse(r.getBoolean("data.publishDefinitions.applied"));
    List<Map<String, String>> problems = r.getList("data.publishDefinitions.problems");
    assertTrue(problems.size() >= 2, r.prettify());
    assertTrue(problems.stream().anyMatch(p -> p.get("path").startsWith("$[1].fields[1]")), r.prettify());
    assertFalse(tableExists("rec_" + fresh), "no table for the new entity");
    assertEquals(version, Gql.ok("{ metadataVersion }").getInt("data.metadataVersion"), "metadata unchanged");
    JsonPath q = Gql.post("{ " + fresh + "s { totalCount } }");
    assertNotNull(q.get("errors"), "schema unchanged: the new entity is not queryable");
  }

  @Test
  void databaseFailureRollsBackWholePublish() {
    String name = Gql.unique("member");
    publish(entity(name, field("mobile", "text")));
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Gql.ok("mutation { a: create" + type + "(input: {mobile: \"1\"}) { id } b: create" + type + "(input: {mobile: \"1\"}) { id } }");
    String other = Gql.unique("note");
    JsonPath r = publish(entity(other, field("text", "text")), entity(name, field("mobile", "text", "unique", true)));
    assertFalse(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    assertEquals("PUBLISH_FAILED", r.getString("data.publishDefinitions.problems[0].code"));
    assertFalse(tableExists("rec_" + other), "the other entity's table was rolled back too");
  }

  @Test
  void dryRunReportsChangesAndAppliesNothing() {
    String name = Gql.unique("quote");
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("total", "number", "indexed", true))),
        "dry", true));
    assertFalse(r.getBoolean("data.publishDefinitions.applied"));
    assertTrue(r.getList("data.publishDefinitions.changes").size() >= 2, r.prettify());
    assertFalse(tableExists("rec_" + name));
  }

  @Test
  void removedFieldKeepsDataAndComesBackOnRollback() {
    String name = Gql.unique("contact");
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    JsonPath v1 = publish(entity(name, field("name", "text"), field("wechat", "text")));
    int first = v1.getInt("data.publishDefinitions.version");
    String id = Gql.ok("mutation { create" + type + "(input: {name: \"王芳\", wechat: \"wf88\"}) { id } }")
        .getString("data.create" + type + ".id");
    publish(entity(name, field("name", "text")));
    JsonPath hidden = Gql.post("{ " + name + "(id: \"" + id + "\") { wechat } }");
    assertNotNull(hidden.get("errors"), "the removed field is hidden");
    JsonPath restored = Gql.ok("mutation { restoreMetadataVersion(version: " + first + ") { applied version } }");
    assertTrue(restored.getBoolean("data.restoreMetadataVersion.applied"));
    assertEquals("wf88", Gql.ok("{ " + name + "(id: \"" + id + "\") { wechat } }").getString("data." + name + ".wechat"));
  }

  @Test
  void problemsAreBilingual() {
    JsonPath r = Gql.post("""
        mutation { publishDefinitions(definitions: [{kind: "entity", name: "Bad Name", label: {en: "x"}, fields: []}]) {
          applied problems { code path en: message(locale: "en") zh: message(locale: "zh-CN") } } }""");
    List<Map<String, String>> problems = r.getList("data.publishDefinitions.problems");
    assertFalse(problems.isEmpty());
    for (Map<String, String> p : problems) {
      assertNotNull(p.get("en"));
      assertNotNull(p.get("zh"));
    }
    assertNull(r.get("errors"));
  }

  @Test
  void picklistOptionsAreEnforcedOnWrite() {
    String name = Gql.unique("deal");
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    publish(entity(name, field("province", "picklist", "options", options("GD", "ZJ"))));
    JsonPath r = Gql.post("mutation { create" + type + "(input: {province: \"XX\"}) { id } }");
    assertEquals("VALIDATION_FAILED", r.getString("errors[0].extensions.code"));
    assertEquals("province", r.getString("errors[0].extensions.field"));
  }

  private boolean tableExists(String table) {
    return pool.preparedQuery("SELECT to_regclass(quote_ident($1)) IS NOT NULL")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(table)).await().indefinitely().iterator().next().getBoolean(0);
  }
}
