package dev.tessera.change;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pool.PoolRecycler;
import dev.tessera.support.FeedRounds;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as recordHistory shows it: every write path reaches it with its actor and path and each
 * changed field's before and after (merges, recycling, formulas recomputed and required defaults filled by a
 * publish, besides the paths ChangeFeedComponentTest covers), newest first, page by page.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AuditTrailComponentTest {
  static final String HISTORY = "query H($e: String!, $id: ID!, $first: Int!, $after: String) {"
      + " recordHistory(entity: $e, id: $id, first: $first, after: $after) { entries { id operation version actor at path"
      + " changes { field before after } ownerBefore ownerAfter } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

  @Inject
  ChangeDispatcher dispatcher;
  @Inject
  PoolRecycler recycler;

  @Test
  void aGraphQlWriteNamesItsUserPathAndFieldsBeforeAndAfter() {
    String e = Gql.unique("memo");
    Gql.publish(entity(e, field("title", "text"), field("city", "text")));
    String id = create("ana", e, "{title: \"a\", city: \"杭州\"}");
    update("bo", e, id, 1, "{title: \"b\"}");
    List<Map<String, Object>> h = entries(e, id);
    assertEquals(List.of("UPDATE", "CREATE"), h.stream().map(x -> x.get("operation")).toList(), "newest first");
    assertEquals("bo", h.get(0).get("actor"));
    assertEquals("graphql", h.get(0).get("path"));
    assertEquals(List.of(change("title", "a", "b")), h.get(0).get("changes"), "only the field that changed");
    assertEquals("ana", h.get(1).get("actor"));
    assertEquals(List.of(change("city", null, "杭州"), change("title", null, "a")), h.get(1).get("changes"));
    assertTrue(((String) h.get(0).get("at")).compareTo((String) h.get(1).get("at")) >= 0);
  }

  @Test
  void aMergeIsInTheTrailOfTheSurvivorAndOfTheMergedRecord() {
    String e = Gql.unique("buyer");
    Gql.publish(entity(e, field("name", "text"), field("phone", "text")));
    String survivor = create("ana", e, "{name: \"张三\"}");
    String merged = create("ana", e, "{name: \"张三丰\", phone: \"13800138000\"}");
    JsonPath m = Gql.post("lin", "en", "mutation M($e: String!, $s: ID!, $m: [ID!]!, $f: [MergeFieldChoice!]) {"
        + " mergeRecords(entity: $e, survivorId: $s, mergedIds: $m, fields: $f) { mergeId } }",
        Map.of("e", e, "s", survivor, "m", List.of(merged), "f", List.of(Map.of("field", "phone", "fromId", merged))));
    assertNull(m.get("errors"), m.prettify());
    Map<String, Object> kept = entries(e, survivor).get(0);
    assertEquals("merge", kept.get("path"));
    assertEquals("lin", kept.get("actor"));
    assertEquals(List.of(change("phone", null, "13800138000")), kept.get("changes"));
    Map<String, Object> gone = entries(e, merged).get(0);
    assertEquals(List.of("DELETE", "merge", "lin"), List.of(gone.get("operation"), gone.get("path"), gone.get("actor")));
  }

  @Test
  void anImportAClaimAndAnAssignmentReRunNameTheirUserAndPath() {
    String e = Gql.unique("prospect");
    String pool = Gql.unique("open");
    String lin = dev.tessera.support.Staff.user(Gql.unique("lin"), "active");
    Gql.publish(entity(e, field("name", "text"), field("city", "text")),
        Map.of("kind", "pool", "name", pool, "label", label("公海", "Pool"), "entity", e),
        Map.of("kind", "assignmentRule", "name", Gql.unique("route"), "label", label("分配", "Route"), "entity", e,
            "entries", List.of(Map.of("name", "bj", "label", label("北京", "Beijing"), "when", "city == 'bj'",
                "target", Map.of("type", "user", "key", lin))),
            "fallback", Map.of("type", "pool", "key", pool)));
    JsonPath imported = Gql.post("imp", "en", "mutation { import" + type(e) + "s(inputs: [{name: \"x\", city: \"sh\"}])"
        + " { rows { id status } } }", Map.of());
    String id = imported.getString("data.import" + type(e) + "s.rows[0].id");
    JsonPath claimed = Gql.post("zhao", "en", "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }", Map.of());
    assertNull(claimed.get("errors"), claimed.prettify());
    update("zhao", e, id, 2, "{city: \"bj\"}");
    JsonPath rerun = Gql.post("boss", "en", "mutation { runAssignment(entity: \"" + e + "\", ids: [\"" + id + "\"]) { id } }",
        Map.of());
    assertNull(rerun.get("errors"), rerun.prettify());
    List<Map<String, Object>> h = entries(e, id);
    assertEquals(List.of("boss assignment zhao>" + lin, "zhao graphql zhao>zhao", "zhao pool null>zhao", "imp import null>null"),
        h.stream().map(x -> x.get("actor") + " " + x.get("path") + " " + x.get("ownerBefore") + ">" + x.get("ownerAfter")).toList());
    assertEquals(List.of(change("city", "sh", "bj")), h.get(1).get("changes"));
    assertEquals(List.of(change("city", null, "sh"), change("name", null, "x")), h.get(3).get("changes"));
  }

  @Test
  void recyclingIsAnOwnerChangeBySystemThroughRecycle() {
    String e = Gql.unique("clue");
    String pool = Gql.unique("recycling");
    Map<String, Object> p = new LinkedHashMap<>(Map.of("kind", "pool", "name", pool, "label", label("回收", "Recycling"),
        "entity", e, "recycle", List.of(Map.of("name", "stale", "label", label("过期", "Stale"), "when", "stale == true"))));
    Gql.publish(entity(e, field("stale", "bool")), p);
    String id = create("ana", e, "{stale: true, ownerId: \"wu\"}");
    assertEquals(1, recycler.recycle(pool).await().indefinitely());
    Map<String, Object> last = entries(e, id).get(0);
    assertEquals(List.of("system", "recycle", "wu"), List.of(last.get("actor"), last.get("path"), last.get("ownerBefore")));
    assertNull(last.get("ownerAfter"));
  }

  @Test
  void aFormulaRecomputedByAPublishIsAChangeBySystemThroughFormula() {
    String e = Gql.unique("quote");
    Gql.publish(entity(e, field("price", "number"), field("total", "formula", "resultType", "number", "expression", "price * 2")));
    String id = create("ana", e, "{price: 10}");
    Gql.publish(entity(e, field("price", "number"), field("total", "formula", "resultType", "number", "expression", "price * 3")));
    Map<String, Object> last = entries(e, id).get(0);
    assertEquals(List.of("UPDATE", "system", "formula"), List.of(last.get("operation"), last.get("actor"), last.get("path")));
    List<?> changes = (List<?>) last.get("changes");
    assertEquals(1, changes.size(), changes.toString());
    Map<?, ?> total = (Map<?, ?>) changes.get(0);
    assertEquals("total", total.get("field"));
    assertEquals(20, ((Number) total.get("before")).intValue());
    assertEquals(30, ((Number) total.get("after")).intValue());
  }

  @Test
  void aRequiredDefaultFilledByAPublishIsAChangeBySystemThroughRequiredDefault() {
    String e = Gql.unique("visit");
    Gql.publish(entity(e, field("note", "text")));
    String id = create("ana", e, "{note: \"x\"}");
    Gql.publish(entity(e, field("note", "text"), field("channel", "text", "required", true, "default", "phone")));
    Map<String, Object> last = entries(e, id).get(0);
    assertEquals(List.of("system", "requiredDefault"), List.of(last.get("actor"), last.get("path")));
    assertEquals(List.of(change("channel", null, "phone")), last.get("changes"));
  }

  @Test
  void historyPagesNewestFirstWithoutOverlap() {
    String e = Gql.unique("note");
    Gql.publish(entity(e, field("n", "number")));
    String id = create("ana", e, "{n: 0}");
    for (int v = 1; v <= 4; v++) {
      update("ana", e, id, v, "{n: " + v + "}");
    }
    FeedRounds.catchUp(dispatcher);
    List<Object> versions = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Map<String, Object> vars = new HashMap<>(Map.of("e", e, "id", id, "first", 2));
      vars.put("after", after);
      JsonPath p = Gql.ok(HISTORY, vars);
      List<Map<String, Object>> page = p.getList("data.recordHistory.entries");
      page.forEach(x -> versions.add(x.get("version")));
      assertEquals(after != null, p.getBoolean("data.recordHistory.pageInfo.hasPreviousPage"));
      after = p.getBoolean("data.recordHistory.pageInfo.hasNextPage") ? p.getString("data.recordHistory.pageInfo.endCursor") : null;
      pages++;
    } while (after != null);
    assertEquals(List.of(5, 4, 3, 2, 1), versions);
    assertEquals(3, pages);
    JsonPath bad = Gql.post(HISTORY, Map.of("e", e, "id", id, "first", 2, "after", "bm90IGEgY3Vyc29y"));
    assertEquals("BAD_REQUEST", bad.getString("errors[0].extensions.code"), bad.prettify());
    JsonPath big = Gql.post(HISTORY, Map.of("e", e, "id", id, "first", 101));
    assertFalse(big.getList("errors").isEmpty(), "more than 100 per page is refused");
  }

  private List<Map<String, Object>> entries(String e, String id) {
    FeedRounds.catchUp(dispatcher);
    return Gql.ok(HISTORY, Map.of("e", e, "id", id, "first", 100)).getList("data.recordHistory.entries");
  }

  private static Map<String, Object> change(String field, Object before, Object after) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("before", before);
    m.put("after", after);
    return m;
  }

  private static String type(String e) {
    return Character.toUpperCase(e.charAt(0)) + e.substring(1);
  }

  static String create(String user, String e, String input) {
    JsonPath r = Gql.post(user, "en", "mutation { create" + type(e) + "(input: " + input + ") { id } }", Map.of());
    assertNull(r.get("errors"), r.prettify());
    return r.getString("data.create" + type(e) + ".id");
  }

  private static void update(String user, String e, String id, int version, String patch) {
    JsonPath r = Gql.post(user, "en", "mutation { update" + type(e) + "(id: \"" + id + "\", version: " + version + ", patch: "
        + patch + ") { id } }", Map.of());
    assertNull(r.get("errors"), r.prettify());
  }
}
