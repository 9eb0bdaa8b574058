package dev.tessera.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forms publish with their entity through {@code publishDefinitions}, read back from
 * {@code definitions(kind: "form")} with stable ids on tabs and sections, and a refused publish
 * (a form placing a field its entity lacks, or an entity change that strands a placed field)
 * changes nothing: neither the form nor the entity nor the version.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class FormDefinitionsComponentTest {
  private static final String PUBLISH = "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) "
      + "{ applied version problems { code path message } } }";

  @Test
  void aFormPublishesWithItsEntityAndReadsBack() {
    String s = Gql.unique("f").substring(1);
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(entity(s, true), form(s, "phone"))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    Map<String, Object> form = published(s);
    assertEquals("contact" + s, form.get("entity"));
    assertEquals(true, form.get("default"));
    assertTrue(String.valueOf(form.get("id")).startsWith("form_"), form.toString());
    List<Map<String, Object>> sections = list(form, "sections");
    assertEquals(List.of("main", "more"), sections.stream().map(x -> x.get("name")).toList());
    assertTrue(sections.stream().allMatch(x -> String.valueOf(x.get("id")).startsWith("sec_")), sections.toString());
    assertTrue(list(form, "tabs").stream().allMatch(x -> String.valueOf(x.get("id")).startsWith("tab_")));
    List<Map<String, Object>> placed = list(sections.get(0), "fields");
    assertEquals(Map.of("field", "name", "column", 1, "span", 2, "help", Map.of("zh-CN", "全名", "en", "Full name")),
        placed.get(0));
    assertEquals("email == null", placed.get(1).get("requiredWhen"));

    Map<String, Object> again = form(s, "phone");
    JsonPath republished = Gql.ok(PUBLISH, Map.of("d", List.of(again)));
    assertTrue(republished.getBoolean("data.publishDefinitions.applied"), republished.prettify());
    assertEquals(form.get("id"), published(s).get("id"), "the id stays across publishes");
    assertEquals(sections.get(0).get("id"), list(published(s), "sections").get(0).get("id"));
  }

  @Test
  void aRefusedPublishChangesNeitherTheFormNorItsEntity() {
    String s = Gql.unique("g").substring(1);
    assertTrue(Gql.ok(PUBLISH, Map.of("d", List.of(entity(s, true), form(s, "phone"))))
        .getBoolean("data.publishDefinitions.applied"));
    Map<String, Object> before = published(s);
    int version = Gql.ok("{ metadataVersion }").getInt("data.metadataVersion");

    JsonPath unknownField = Gql.ok(PUBLISH, Map.of("d", List.of(entity(s, true), form(s, "mobile"))));
    assertFalse(unknownField.getBoolean("data.publishDefinitions.applied"));
    assertEquals(List.of("INVALID_OPTION@$[1].sections[0].fields[1].field"), problems(unknownField));

    JsonPath stranded = Gql.ok(PUBLISH, Map.of("d", List.of(entity(s, false))));
    assertFalse(stranded.getBoolean("data.publishDefinitions.applied"));
    assertTrue(problems(stranded).stream().anyMatch(p -> p.startsWith("INVALID_OPTION@$[") && p.endsWith("].sections[0].fields[1].field")),
        stranded.prettify());

    assertEquals(version, Gql.ok("{ metadataVersion }").getInt("data.metadataVersion"));
    assertEquals(before, published(s));
    List<Map<String, Object>> entities = Gql.ok("{ definitions(kind: \"entity\") }").getList("data.definitions");
    Map<String, Object> contact = entities.stream().filter(e -> ("contact" + s).equals(e.get("name"))).findFirst().orElseThrow();
    assertEquals(3, list(contact, "fields").size(), "the entity keeps its phone field");
  }

  private static Map<String, Object> entity(String s, boolean withPhone) {
    List<Map<String, Object>> fields = new java.util.ArrayList<>(List.of(
        field("name", "text"), field("email", "email")));
    if (withPhone) {
      fields.add(field("phone", "phone"));
    }
    return Map.of("kind", "entity", "name", "contact" + s, "label", label("联系人", "Contact"), "fields", fields);
  }

  private static Map<String, Object> form(String s, String second) {
    return Map.of("kind", "form", "name", "contactForm" + s, "label", label("联系人表单", "Contact form"),
        "entity", "contact" + s, "default", true,
        "tabs", List.of(Map.of("name", "one", "label", label("一", "One")), Map.of("name", "two", "label", label("二", "Two"))),
        "sections", List.of(
            Map.of("name", "main", "label", label("主要", "Main"), "tab", "one", "columns", 2, "fields", List.of(
                Map.of("field", "name", "column", 1, "span", 2, "help", label("全名", "Full name")),
                Map.of("field", second, "requiredWhen", "email == null"))),
            Map.of("name", "more", "label", label("更多", "More"), "tab", "two", "visibleWhen", "name != null",
                "fields", List.of(Map.of("field", "email")))));
  }

  private static Map<String, Object> published(String s) {
    List<Map<String, Object>> forms = Gql.ok("{ definitions(kind: \"form\") }").getList("data.definitions");
    return forms.stream().filter(f -> ("contactForm" + s).equals(f.get("name"))).findFirst().orElseThrow();
  }

  private static List<String> problems(JsonPath r) {
    return r.getList("data.publishDefinitions.problems", Map.class).stream().map(p -> p.get("code") + "@" + p.get("path")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    return (List<Map<String, Object>>) m.get(key);
  }

  private static Map<String, Object> field(String name, String type) {
    return Map.of("name", name, "type", type, "label", label(name, name));
  }

  private static Map<String, String> label(String zh, String en) {
    return Map.of("zh-CN", zh, "en", en);
  }
}
