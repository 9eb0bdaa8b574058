package dev.tessera.view;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Saved list views: a private view is its owner's alone, a shared one everyone's; saving a name again replaces it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SavedViewComponentTest {
  private static final String SAVE = "mutation S($e: String!, $n: String!, $s: Boolean, $x: JSON!) { saveView(entity: $e, "
      + "name: $n, shared: $s, settings: $x) { id name shared settings createdBy } }";
  private static final String LIST = "query L($e: String!) { savedViews(entity: $e) { id name shared settings } }";

  @Test
  void privateViewsAreTheOwnersSharedOnesEveryones() {
    String name = Gql.unique("lead");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("title", "text")))));
    Map<String, Object> settings = Map.of("columns", List.of("title"), "sort", Map.of("field", "title", "direction", "ASC"));
    JsonPath mine = Gql.post("wang", "zh-CN", SAVE, vars(name, "我的线索", false, settings));
    assertEquals("wang", mine.getString("data.saveView.createdBy"), mine.prettify());
    assertFalse(mine.getBoolean("data.saveView.shared"));
    Gql.post("wang", "zh-CN", SAVE, vars(name, "全部", true, Map.of("columns", List.of())));

    List<String> forWang = Gql.post("wang", "zh-CN", LIST, Map.of("e", name)).getList("data.savedViews.name");
    List<String> forLi = Gql.post("li", "zh-CN", LIST, Map.of("e", name)).getList("data.savedViews.name");
    assertEquals(List.of("全部", "我的线索"), forWang);
    assertEquals(List.of("全部"), forLi, "li sees the shared view, not wang's private one");

    JsonPath again = Gql.post("wang", "zh-CN", SAVE, vars(name, "我的线索", false, Map.of("columns", List.of("title", "id"))));
    assertEquals(mine.getString("data.saveView.id"), again.getString("data.saveView.id"), "same name: replaced in place");
    assertEquals(List.of("title", "id"), again.getList("data.saveView.settings.columns"));

    String id = mine.getString("data.saveView.id");
    String delete = "mutation D($id: ID!) { deleteView(id: $id) }";
    assertFalse(Gql.post("li", "en", delete, Map.of("id", id)).getBoolean("data.deleteView"), "not li's to delete");
    assertTrue(Gql.post("wang", "en", delete, Map.of("id", id)).getBoolean("data.deleteView"));
  }

  @Test
  void badNamesAndUnknownEntitiesAreRefusedInTheCallersLanguage() {
    String name = Gql.unique("deal");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("title", "text")))));
    JsonPath blank = Gql.post("wang", "zh-CN", SAVE, vars(name, "  ", true, Map.of()));
    assertEquals("name", blank.getString("errors[0].extensions.field"));
    assertTrue(blank.getString("errors[0].message").contains("视图名称"), blank.prettify());
    JsonPath unknown = Gql.post("wang", "en", SAVE, vars("noSuchThing", "x", true, Map.of()));
    assertEquals("NOT_FOUND", unknown.getString("errors[0].extensions.code"));
    assertTrue(unknown.getString("errors[0].message").contains("noSuchThing"));
  }

  private static Map<String, Object> vars(String entity, String name, boolean shared, Map<String, Object> settings) {
    Map<String, Object> m = new HashMap<>();
    m.put("e", entity);
    m.put("n", name);
    m.put("s", shared);
    m.put("x", settings);
    return m;
  }
}
