package dev.tessera.metadata;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Renames keep identity and data because definitions and fields are matched by their stable ids. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SchemaEvolutionComponentTest {
  private static final String PUBLISH = """
      mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { version applied problems { code path message } changes } }""";

  @Test
  void renamingAFieldByIdKeepsItsValues() {
    String name = Gql.unique("lead");
    String type = cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text"), field("wx", "text")))));
    String id = Gql.ok("mutation { create" + type + "(input: {title: \"展会线索\", wx: \"li_lei\"}) { id } }")
        .getString("data.create" + type + ".id");

    Map<String, Object> def = published(name);
    List<Map<String, Object>> fields = fields(def);
    fields.get(1).put("name", "wechat");
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(def)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    assertTrue(r.getList("data.publishDefinitions.changes").toString().contains("rename field"), r.prettify());

    JsonPath read = Gql.ok("{ " + name + "(id: \"" + id + "\") { title wechat } }");
    assertEquals("li_lei", read.getString("data." + name + ".wechat"));
    assertEquals(fields.get(1).get("id"), fields(published(name)).get(1).get("id"), "the field id is stable");
  }

  @Test
  void renamingAnEntityByIdKeepsItsRecords() {
    String name = Gql.unique("prospect");
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("title", "text")))));
    Gql.ok("mutation { create" + cap(name) + "(input: {title: \"老客户转介绍\"}) { id } }");

    Map<String, Object> def = published(name);
    String renamed = Gql.unique("opportunity");
    def.put("name", renamed);
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(def)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    JsonPath list = Gql.ok("{ " + renamed + "s { totalCount nodes { title } } }");
    assertEquals(1, list.getInt("data." + renamed + "s.totalCount"));
    assertEquals("老客户转介绍", list.getString("data." + renamed + "s.nodes[0].title"));
    assertNotNull(Gql.post("{ " + name + "s { totalCount } }").get("errors"), "the old name is gone from the API");
  }

  @Test
  void bulkCreateIsAllOrNothing() {
    String name = Gql.unique("order");
    String type = cap(name);
    Gql.ok(PUBLISH, Map.of("d", List.of(entity(name, field("no", "text", "required", true)))));
    List<Map<String, Object>> inputs = List.of(Map.of("no", "A1"), Map.of("no", "A2"), Map.of());
    JsonPath bad = Gql.post("mutation M($i: [" + type + "Input!]!) { create" + type + "s(inputs: $i) { id } }",
        Map.of("i", inputs));
    assertEquals("VALIDATION_FAILED", bad.getString("errors[0].extensions.code"), bad.prettify());
    assertEquals(0, Gql.ok("{ " + name + "s { totalCount } }").getInt("data." + name + "s.totalCount"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> published(String name) {
    List<Map<String, Object>> defs = Gql.ok("{ definitions(kind: \"entity\") }").getList("data.definitions");
    Map<String, Object> d = defs.stream().filter(x -> name.equals(x.get("name"))).findFirst().orElseThrow();
    Map<String, Object> copy = new LinkedHashMap<>(d);
    List<Map<String, Object>> fields = new ArrayList<>();
    ((List<Map<String, Object>>) d.get("fields")).forEach(f -> fields.add(new LinkedHashMap<>(f)));
    copy.put("fields", fields);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fields(Map<String, Object> def) {
    return (List<Map<String, Object>>) def.get("fields");
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
