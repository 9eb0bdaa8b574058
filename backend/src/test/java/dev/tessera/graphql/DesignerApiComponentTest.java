package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The designer's part of the API: generated names per entity, and drafts kept on the server until published. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DesignerApiComponentTest {
  private static final String SAVE = "mutation S($d: JSON!, $r: String, $v: Int) { saveMetadataDraft(definition: $d, "
      + "replaces: $r, revision: $v) { key name revision baseVersion definition } }";
  private static final String PUBLISH = "mutation P($dry: Boolean) { publishMetadataDrafts(dryRun: $dry) { applied version "
      + "changes problems { code path } } }";

  @Test
  void everyNameInEntityApisIsARootFieldOfTheSchema() {
    String name = Gql.unique("salesBox");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("title", "text")))));
    JsonPath r = Gql.ok("{ entityApis { entity typeName single list deletedList aggregate create createMany importMany "
        + "update delete restore } }");
    List<Map<String, String>> apis = r.getList("data.entityApis");
    Map<String, String> mine = apis.stream().filter(a -> a.get("entity").equals(name)).findFirst().orElseThrow();
    assertEquals(name + "s", mine.get("list"), "Gql.unique names end in t: the plural adds s");
    List<String> queries = Gql.ok("{ __type(name: \"Query\") { fields { name } } }").getList("data.__type.fields.name");
    List<String> mutations = Gql.ok("{ __type(name: \"Mutation\") { fields { name } } }").getList("data.__type.fields.name");
    for (Map<String, String> api : apis) {
      for (String q : List.of("single", "list", "deletedList", "aggregate")) {
        assertTrue(queries.contains(api.get(q)), api.get(q) + " is not a query");
      }
      for (String m : List.of("create", "createMany", "importMany", "update", "delete", "restore")) {
        assertTrue(mutations.contains(api.get(m)), api.get(m) + " is not a mutation");
      }
    }
  }

  @Test
  void relatedListsNameTheReverseConnectionOfEveryReferenceToAnEntity() {
    String account = Gql.unique("account");
    String contact = Gql.unique("contact");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(
        entity(account, field("title", "text")),
        entity(contact, field("name", "text"), field("employer", "reference", "target", account)))));
    List<Map<String, Object>> apis = Gql.ok("{ entityApis { entity related { entity field connection } } }")
        .getList("data.entityApis");
    Map<String, Object> mine = apis.stream().filter(a -> a.get("entity").equals(account)).findFirst().orElseThrow();
    String connection = contact + "sByEmployer";
    assertEquals(List.of(Map.of("entity", contact, "field", "employer", "connection", connection)), mine.get("related"));
    String type = Character.toUpperCase(account.charAt(0)) + account.substring(1);
    List<String> fields = Gql.ok("{ __type(name: \"" + type + "\") { fields { name } } }").getList("data.__type.fields.name");
    assertTrue(fields.contains(connection), connection + " is a field of " + type);
  }

  @Test
  void aDraftIsKeptRevisedCheckedByADryRunAndGoneOncePublished() {
    String name = Gql.unique("visit");
    Map<String, Object> draft = entity(name, field("topic", "text"));
    draft.remove("label");
    JsonPath first = Gql.ok(SAVE, Map.of("d", draft));
    String key = first.getString("data.saveMetadataDraft.key");
    assertEquals("entity:" + name, key);
    assertEquals(1, first.getInt("data.saveMetadataDraft.revision"));

    JsonPath listed = Gql.ok("{ metadataDrafts { key revision definition } }");
    assertTrue(listed.getList("data.metadataDrafts.key").contains(key), "a reload sees the draft");

    JsonPath again = Gql.post(SAVE, Map.of("d", draft));
    assertEquals("VERSION_CONFLICT", again.getString("errors[0].extensions.code"), "a second new draft of it is refused");
    Map<String, Object> stale = new HashMap<>(Map.of("d", draft, "r", key, "v", 7));
    assertEquals("VERSION_CONFLICT", Gql.post(SAVE, stale).getString("errors[0].extensions.code"));

    JsonPath dry = Gql.ok(PUBLISH, Map.of("dry", true));
    assertFalse(dry.getBoolean("data.publishMetadataDrafts.applied"));
    List<String> paths = dry.getList("data.publishMetadataDrafts.problems.path");
    int index = Gql.ok("{ metadataDrafts { key } }").getList("data.metadataDrafts.key").indexOf(key);
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("$[" + index + "]")), "problems point at the draft: " + paths);

    draft.put("label", Map.of("zh-CN", "拜访", "en", "Visit"));
    JsonPath second = Gql.ok(SAVE, new HashMap<>(Map.of("d", draft, "r", key, "v", 1)));
    assertEquals(2, second.getInt("data.saveMetadataDraft.revision"));
    JsonPath checked = Gql.ok(PUBLISH, Map.of("dry", true));
    assertEquals(List.of(), checked.getList("data.publishMetadataDrafts.problems"), checked.prettify());
    assertFalse(checked.getList("data.publishMetadataDrafts.changes").isEmpty(), "the dry run lists the table it would create");
    assertTrue(Gql.ok("{ metadataDrafts { key } }").getList("data.metadataDrafts.key").contains(key), "a dry run keeps drafts");

    JsonPath published = Gql.ok(PUBLISH, Map.of("dry", false));
    assertTrue(published.getBoolean("data.publishMetadataDrafts.applied"), published.prettify());
    assertFalse(Gql.ok("{ metadataDrafts { key } }").getList("data.metadataDrafts.key").contains(key));
    assertNull(Gql.ok("{ " + name + "s(first: 1) { totalCount } }").get("errors"));

    int version = published.getInt("data.publishMetadataDrafts.version");
    List<Map<String, Object>> now = Gql.ok("query V($v: Int!) { metadataVersionDefinitions(version: $v) }", Map.of("v", version))
        .getList("data.metadataVersionDefinitions");
    List<Map<String, Object>> before = Gql.ok("query V($v: Int!) { metadataVersionDefinitions(version: $v) }",
        Map.of("v", version - 1)).getList("data.metadataVersionDefinitions");
    assertTrue(now.stream().anyMatch(d -> name.equals(d.get("name"))), "the published version has the entity");
    assertFalse(before.stream().anyMatch(d -> name.equals(d.get("name"))), "the version before does not");
    JsonPath missing = Gql.post("{ metadataVersionDefinitions(version: 999999) }");
    assertEquals("NOT_FOUND", missing.getString("errors[0].extensions.code"));
  }

  @Test
  void expressionFunctionsAreListedForCompletionInTheCallersLanguage() {
    JsonPath zh = Gql.post(null, "zh-CN", "{ expressionFunctions { name usage description clock } }", Map.of());
    List<Map<String, Object>> functions = zh.getList("data.expressionFunctions");
    Map<String, Object> len = functions.stream().filter(f -> f.get("name").equals("len")).findFirst().orElseThrow();
    assertEquals("文本的字符数", len.get("description"));
    assertEquals("len(text)", len.get("usage"));
    assertTrue(functions.stream().anyMatch(f -> f.get("name").equals("today") && Boolean.TRUE.equals(f.get("clock"))));
    JsonPath en = Gql.post(null, "en", "{ expressionFunctions { name description } }", Map.of());
    assertTrue(en.getList("data.expressionFunctions.description").contains("Number of characters of the text"));
  }

  @Test
  void aDraftWithoutAUsableNameIsRefusedInTheCallersLanguage() {
    Map<String, Object> draft = entity("x", field("topic", "text"));
    draft.put("name", "Not A Name");
    JsonPath zh = Gql.post(null, "zh-CN", SAVE, Map.of("d", draft));
    assertEquals("BAD_REQUEST", zh.getString("errors[0].extensions.code"));
    assertEquals("definition.name", zh.getString("errors[0].extensions.field"));
    assertTrue(zh.getString("errors[0].message").contains("API 名称"), zh.prettify());
    JsonPath en = Gql.post(null, "en", SAVE, Map.of("d", draft));
    assertTrue(en.getString("errors[0].message").contains("must be an API name"), en.prettify());
    assertFalse(Gql.ok("{ metadataDrafts { name } }").getList("data.metadataDrafts.name").contains("Not A Name"));
  }
}
