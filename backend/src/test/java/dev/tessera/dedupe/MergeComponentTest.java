package dev.tessera.dedupe;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Merging duplicates: per-field survivorship through the normal update path, references of other
 * entities re-pointed and pointed back by an undo, the history of a merge, undo semantics, validation
 * that changes nothing, and merges racing each other.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class MergeComponentTest {
  static final String RESULT = "{ mergeId survivorId mergedIds survivor { __typename id version } repointed repointedByField undone"
      + " keptFields }";

  @Inject
  Pool pool;

  /** A client entity (with a formula, an auto number and a rule) and a deal entity referencing it twice. */
  record Model(String client, String deal) {
    String type(String entity) {
      return Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
    }
  }

  static Model publish() {
    String c = Gql.unique("client");
    String d = Gql.unique("deal");
    Map<String, Object> client = entity(c, field("name", "text", "required", true), field("phone", "phone", "unique", true),
        field("email", "email"), field("city", "text"), field("note", "text", "readOnly", true),
        field("level", "formula", "resultType", "text", "expression", "city != null ? 'known' : 'unknown'"),
        field("code", "autoNumber", "format", "C-{0000}"));
    client.put("rules", List.of(Map.of("name", "reachable", "assert", "phone != null || email != null",
        "message", label("手机和邮箱至少填写一项", "Enter a phone or an email"))));
    Map<String, Object> deal = entity(d, field("title", "text"),
        field("buyer", "reference", "target", c, "onDelete", "setNull"),
        field("payer", "reference", "target", c, "onDelete", "setNull"));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(client, deal)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return new Model(c, d);
  }

  static String create(String entity, String input) {
    String type = Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
    return Gql.ok("mutation { create" + type + "(input: {" + input + "}) { id } }").getString("data.create" + type + ".id");
  }

  static JsonPath client(Model m, String id) {
    return Gql.ok("{ r: " + m.client() + "(id: \"" + id + "\") { id version ownerId name phone email city level code"
        + " createdAt createdBy } }");
  }

  static JsonPath merge(String user, String locale, String entity, String survivor, List<String> merged,
      List<Map<String, Object>> fields) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("e", entity);
    vars.put("s", survivor);
    vars.put("m", merged);
    vars.put("f", fields);
    return Gql.post(user, locale, "mutation M($e: String!, $s: ID!, $m: [ID!]!, $f: [MergeFieldChoice!]) {"
        + " mergeRecords(entity: $e, survivorId: $s, mergedIds: $m, fields: $f) " + RESULT + " }", vars);
  }

  static JsonPath merge(Model m, String survivor, List<String> merged, List<Map<String, Object>> fields) {
    return merge("boss", "en", m.client(), survivor, merged, fields);
  }

  static JsonPath undo(String user, String locale, String mergeId) {
    return Gql.post(user, locale, "mutation U($id: ID!) { undoMerge(mergeId: $id) " + RESULT + " }", Map.of("id", mergeId));
  }

  static Map<String, Object> choose(String field, String fromId) {
    return Map.of("field", field, "fromId", fromId);
  }

  static JsonPath ok(JsonPath r) {
    assertNull(r.get("errors"), r.prettify());
    return r;
  }

  String buyerOf(Model m, String dealId) {
    return Gql.ok("{ r: " + m.deal() + "(id: \"" + dealId + "\") { buyer { id } } }").getString("data.r.buyer.id");
  }

  long merges(String recordId) {
    Row row = pool.preparedQuery("SELECT count(*) FROM tessera_merge WHERE survivor_id = $1 OR merged_ids @> ARRAY[$1]")
        .execute(Tuple.of(UUID.fromString(recordId))).await().indefinitely().iterator().next();
    return row.getLong(0);
  }

  @Test
  void theSurvivorKeepsItsValuesFillsBlanksInOrderAndTakesTheChosenFields() {
    Model m = publish();
    String s = create(m.client(), "name: \"张三\", phone: \"13800000001\", ownerId: \"wang\"");
    String m1 = create(m.client(), "name: \"张三（重复）\", phone: \"13800000002\", email: \"a@x.com\", city: \"Hangzhou\", ownerId: \"li\"");
    String m2 = create(m.client(), "name: \"Zhang San\", email: \"b@x.com\", city: \"Shanghai\"");
    String code = client(m, s).getString("data.r.code");
    JsonPath r = ok(merge(m, s, List.of(m1, m2), List.of(choose("name", m2))));
    assertEquals(s, r.getString("data.mergeRecords.survivorId"));
    assertEquals(s, r.getString("data.mergeRecords.survivor.id"), "the survivor itself, typed as its entity");
    assertEquals(m.type(m.client()), r.getString("data.mergeRecords.survivor.__typename"));
    assertEquals(List.of(m1, m2), r.getList("data.mergeRecords.mergedIds"));
    JsonPath after = client(m, s);
    assertEquals("Zhang San", after.getString("data.r.name"), "chosen");
    assertEquals("+8613800000001", after.getString("data.r.phone"), "the survivor's own value is kept");
    assertEquals("a@x.com", after.getString("data.r.email"), "blank: the first merged record's value");
    assertEquals("Hangzhou", after.getString("data.r.city"), "blank: the first merged record's value, not the second's");
    assertEquals("known", after.getString("data.r.level"), "the formula ran in the before-save lane");
    assertEquals(code, after.getString("data.r.code"));
    assertEquals("wang", after.getString("data.r.ownerId"));
    assertNull(client(m, m1).get("data.r"), "merged records are gone");
    assertNull(client(m, m2).get("data.r"));
    assertEquals(0, r.getInt("data.mergeRecords.repointed"));
  }

  @Test
  void referencesFromAnotherEntityPointAtTheSurvivorAndBackAfterAnUndo() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000011\"");
    String dup = create(m.client(), "name: \"M\", phone: \"13800000012\"");
    String other = create(m.client(), "name: \"O\", phone: \"13800000013\"");
    String d1 = create(m.deal(), "title: \"d1\", buyer: \"" + dup + "\"");
    String d2 = create(m.deal(), "title: \"d2\", buyer: \"" + dup + "\", payer: \"" + dup + "\"");
    String d3 = create(m.deal(), "title: \"d3\", buyer: \"" + s + "\"");
    String d4 = create(m.deal(), "title: \"d4\", buyer: \"" + other + "\"");
    JsonPath r = ok(merge(m, s, List.of(dup), null));
    assertEquals(3, r.getInt("data.mergeRecords.repointed"));
    assertEquals(Map.of(m.deal() + ".buyer", 2, m.deal() + ".payer", 1), r.getMap("data.mergeRecords.repointedByField"));
    assertEquals(s, buyerOf(m, d1));
    assertEquals(s, buyerOf(m, d2));
    assertEquals(s, Gql.ok("{ r: " + m.deal() + "(id: \"" + d2 + "\") { payer { id } } }").getString("data.r.payer.id"));
    Gql.ok("mutation { update" + m.type(m.deal()) + "(id: \"" + d1 + "\", version: 2, patch: {buyer: \"" + other + "\"}) { id } }");

    JsonPath u = ok(undo("boss", "en", r.getString("data.mergeRecords.mergeId")));
    assertEquals(2, u.getInt("data.undoMerge.repointed"), "d1 was moved elsewhere since; only d2's two references go back");
    assertEquals(other, buyerOf(m, d1), "a reference changed after the merge stays where it was put");
    assertEquals(dup, buyerOf(m, d2));
    assertEquals(dup, Gql.ok("{ r: " + m.deal() + "(id: \"" + d2 + "\") { payer { id } } }").getString("data.r.payer.id"));
    assertEquals(s, buyerOf(m, d3));
    assertEquals(other, buyerOf(m, d4));
  }

  @Test
  void theHistoryKeepsWhoMergedTheRecordsAsTheyWereAndTheReferences() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000021\", ownerId: \"wang\"");
    String dup = create(m.client(), "name: \"M\", email: \"m@x.com\", city: \"Wuhan\", ownerId: \"li\"");
    String d = create(m.deal(), "title: \"d\", buyer: \"" + dup + "\"");
    String mergeId = ok(merge(m, s, List.of(dup), null)).getString("data.mergeRecords.mergeId");
    for (String id : List.of(s, dup)) {
      JsonPath h = Gql.ok("{ mergeHistory(id: \"" + id + "\") { mergeId mergedBy mergedAt undone merged { id ownerId ... on "
          + m.type(m.client()) + " { city } } survivorBefore { ownerId ... on " + m.type(m.client())
          + " { city } } changes { field before after fromId } repointed { entity field recordId from } } }");
      assertEquals(List.of(mergeId), h.getList("data.mergeHistory.mergeId"), "found from either record");
      assertEquals("boss", h.getString("data.mergeHistory[0].mergedBy"));
      assertNotNull(h.getString("data.mergeHistory[0].mergedAt"));
      assertFalse(h.getBoolean("data.mergeHistory[0].undone"));
      assertEquals(dup, h.getString("data.mergeHistory[0].merged[0].id"));
      assertEquals("li", h.getString("data.mergeHistory[0].merged[0].ownerId"));
      assertEquals("Wuhan", h.getString("data.mergeHistory[0].merged[0].city"));
      assertEquals("wang", h.getString("data.mergeHistory[0].survivorBefore.ownerId"));
      assertNull(h.get("data.mergeHistory[0].survivorBefore.city"));
      Map<String, Object> city = h.getMap("data.mergeHistory[0].changes.find { it.field == 'city' }");
      assertEquals(Map.of("field", "city", "after", "Wuhan", "fromId", dup), withoutNulls(city));
      assertEquals(List.of(Map.of("entity", m.deal(), "field", "buyer", "recordId", d, "from", dup)),
          h.getList("data.mergeHistory[0].repointed"));
    }
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new HashMap<>(m);
    out.values().removeIf(v -> v == null);
    return out;
  }

  @Test
  void undoRestoresTheMergedRecordsWithTheirIdsValuesAndOwnersAndTheSurvivorsValues() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000031\", ownerId: \"wang\"");
    String dup = create(m.client(), "name: \"M\", phone: \"13800000032\", email: \"m@x.com\", city: \"Xi'an\", ownerId: \"li\"");
    Map<String, Object> sBefore = client(m, s).getMap("data.r");
    Map<String, Object> dupBefore = client(m, dup).getMap("data.r");
    String mergeId = ok(merge(m, s, List.of(dup), List.of(choose("name", dup)))).getString("data.mergeRecords.mergeId");
    assertEquals("M", client(m, s).getString("data.r.name"));

    JsonPath u = ok(undo("boss2", "en", mergeId));
    assertTrue(u.getBoolean("data.undoMerge.undone"));
    assertEquals(List.of(), u.getList("data.undoMerge.keptFields"));
    assertEquals(dupBefore, client(m, dup).getMap("data.r"), "same id, values, owner, version, creation");
    Map<String, Object> sAfter = client(m, s).getMap("data.r");
    for (String f : List.of("name", "phone", "email", "city", "level", "code", "ownerId", "createdAt")) {
      assertEquals(sBefore.get(f), sAfter.get(f), f);
    }
    JsonPath h = Gql.ok("{ mergeHistory(id: \"" + dup + "\") { undone undoneBy } }");
    assertTrue(h.getBoolean("data.mergeHistory[0].undone"));
    assertEquals("boss2", h.getString("data.mergeHistory[0].undoneBy"));
  }

  @Test
  void anUndoAfterTheSurvivorChangedAgainKeepsTheNewerEdits() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000041\"");
    String dup = create(m.client(), "name: \"M\", email: \"m@x.com\", city: \"Wuhan\"");
    String mergeId = ok(merge(m, s, List.of(dup), List.of(choose("name", dup)))).getString("data.mergeRecords.mergeId");
    int version = client(m, s).getInt("data.r.version");
    Gql.ok("mutation { update" + m.type(m.client()) + "(id: \"" + s + "\", version: " + version + ", patch: {city: \"Beijing\"}) { id } }");

    JsonPath u = ok(undo("boss", "en", mergeId));
    assertEquals(List.of("city"), u.getList("data.undoMerge.keptFields"));
    JsonPath after = client(m, s);
    assertEquals("Beijing", after.getString("data.r.city"), "edited after the merge: kept");
    assertEquals("S", after.getString("data.r.name"), "unchanged since the merge: restored");
    assertNull(after.get("data.r.email"), "unchanged since the merge: restored to blank");
    assertEquals("M", client(m, dup).getString("data.r.name"));
  }

  long keys(String recordId) {
    return pool.preparedQuery("SELECT count(*) FROM tessera_match_key WHERE record_id = $1")
        .execute(Tuple.of(UUID.fromString(recordId))).await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void aMergedRecordLeavesTheDuplicateKeysAndAnUndoBringsThemBack() {
    Model m = publish();
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("kind", "matchingRule", "name", Gql.unique("sameMail"),
        "label", label("同邮箱", "Same email"), "entity", m.client(), "action", "warn", "threshold", 1,
        "criteria", List.of(Map.of("field", "email", "match", "exact"))));
    assertTrue(Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(rule)))
        .getBoolean("data.publishDefinitions.applied"));
    String keep = create(m.client(), "name: \"钱一\", email: \"qian@example.com\"");
    String gone = create(m.client(), "name: \"钱一\", email: \"QIAN@example.com\"");
    assertTrue(keys(gone) > 0);
    String mergeId = ok(merge(m, keep, List.of(gone), List.of())).getString("data.mergeRecords.mergeId");
    assertEquals(0, keys(gone), "a merged-away record is no candidate any more");
    ok(undo("boss", "en", mergeId));
    assertTrue(keys(gone) > 0, "the undone record is found again");
  }

  @Test
  void aSecondUndoIsRefusedInBothLanguages() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000051\"");
    String dup = create(m.client(), "name: \"M\", phone: \"13800000052\"");
    String mergeId = ok(merge(m, s, List.of(dup), null)).getString("data.mergeRecords.mergeId");
    ok(undo("boss", "en", mergeId));
    JsonPath en = undo("boss", "en", mergeId);
    assertEquals("ALREADY_UNDONE", en.getString("errors[0].extensions.code"), en.prettify());
    assertEquals("mergeId", en.getString("errors[0].extensions.field"));
    assertTrue(en.getString("errors[0].message").contains("undone already"), en.getString("errors[0].message"));
    assertTrue(undo("boss", "zh-CN", mergeId).getString("errors[0].message").contains("不能重复撤销"));
    assertEquals("M", client(m, dup).getString("data.r.name"), "still restored once");
  }

  @Test
  void anUndoIsRefusedWhenAMergedIdIsInUseAgainAndChangesNothing() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000061\"");
    String dup = create(m.client(), "name: \"M\", email: \"m@x.com\"");
    String mergeId = ok(merge(m, s, List.of(dup), null)).getString("data.mergeRecords.mergeId");
    pool.preparedQuery("INSERT INTO \"rec_" + m.client() + "\" (id, data) VALUES ($1, '{\"name\": \"imported\"}'::jsonb)")
        .execute(Tuple.of(UUID.fromString(dup))).await().indefinitely();
    int version = client(m, s).getInt("data.r.version");

    JsonPath r = undo("boss", "zh-CN", mergeId);
    assertEquals("VALIDATION_FAILED", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals("mergedIds[0]", r.getString("errors[0].extensions.problems[0].field"));
    assertEquals("ID_IN_USE", r.getString("errors[0].extensions.problems[0].code"));
    assertTrue(r.getString("errors[0].message").contains(dup) && r.getString("errors[0].message").contains("已被其他记录使用"));
    assertTrue(undo("boss", "en", mergeId).getString("errors[0].message").contains("is used by a record again"));
    assertEquals(version, client(m, s).getInt("data.r.version"), "the survivor is untouched");
    assertEquals("m@x.com", client(m, s).getString("data.r.email"));
    assertFalse(Gql.ok("{ mergeHistory(id: \"" + s + "\") { undone } }").getBoolean("data.mergeHistory[0].undone"));
  }

  @Test
  void invalidMergesNameTheFieldInBothLanguagesAndChangeNothing() {
    Model m = publish();
    String s = create(m.client(), "name: \"S\", phone: \"13800000071\"");
    String dup = create(m.client(), "name: \"M\", email: \"m@x.com\"");
    String d = create(m.deal(), "title: \"d\", buyer: \"" + dup + "\"");
    String nobody = UUID.randomUUID().toString();
    record Case(String entity, List<String> merged, List<Map<String, Object>> fields, String code, String field,
        String problem, String zh) {}
    List<Case> cases = List.of(
        new Case("nosuchentity", List.of(dup), null, "NOT_FOUND", "entity", null, "没有名为“nosuchentity”的实体"),
        new Case(m.client(), List.of(dup, s), null, "VALIDATION_FAILED", "mergedIds[1]", "SURVIVOR_MERGED", "不能同时作为被合并的记录"),
        new Case(m.client(), List.of(dup, nobody), null, "NOT_FOUND", "mergedIds[1]", "NOT_FOUND", nobody + " 不存在"),
        new Case(m.client(), List.of("not-an-id"), null, "BAD_REQUEST", "mergedIds[0]", null, "不是有效的记录编号"),
        new Case(m.client(), List.of(dup), List.of(choose("colour", dup)), "VALIDATION_FAILED", "fields[0].field", "UNKNOWN_FIELD", "没有字段“colour”"),
        new Case(m.client(), List.of(dup), List.of(choose("city", nobody)), "VALIDATION_FAILED", "fields[0].fromId", "NOT_IN_MERGE", "既不是保留记录"),
        new Case(m.client(), List.of(dup), List.of(choose("level", dup)), "VALIDATION_FAILED", "fields[0].field", "NOT_CHOOSABLE", "是计算字段"),
        new Case(m.client(), List.of(dup), List.of(choose("note", dup)), "VALIDATION_FAILED", "fields[0].field", "NOT_CHOOSABLE", "是只读字段"),
        new Case(m.client(), List.of(dup), List.of(choose("ownerId", dup)), "VALIDATION_FAILED", "fields[0].field", "NOT_CHOOSABLE", "是系统字段"),
        new Case(m.client(), List.of(dup), List.of(choose("phone", dup), choose("email", s)), "VALIDATION_FAILED", null, null, "手机和邮箱至少填写一项"));
    Map<String, Object> sBefore = client(m, s).getMap("data.r");
    Map<String, Object> dupBefore = client(m, dup).getMap("data.r");
    for (Case c : cases) {
      JsonPath en = merge("boss", "en", c.entity(), s, c.merged(), c.fields());
      assertEquals(c.code(), en.getString("errors[0].extensions.code"), c + ": " + en.prettify());
      if (c.field() != null) {
        assertEquals(c.field(), en.getString(c.problem() == null ? "errors[0].extensions.field" : "errors[0].extensions.problems[0].field"), c.toString());
      }
      if (c.problem() != null) {
        assertEquals(c.problem(), en.getString("errors[0].extensions.problems[0].code"), c.toString());
      }
      assertFalse(en.getString("errors[0].message").matches(".*[\\u4e00-\\u9fff].*"), "English: " + en.getString("errors[0].message"));
      String zh = merge("boss", "zh-CN", c.entity(), s, c.merged(), c.fields()).getString("errors[0].message");
      assertTrue(zh.contains(c.zh()), c + ": " + zh);
    }
    assertEquals(sBefore, client(m, s).getMap("data.r"), "the survivor is untouched");
    assertEquals(dupBefore, client(m, dup).getMap("data.r"), "the merged record is still there");
    assertEquals(dup, buyerOf(m, d), "no reference moved");
    assertEquals(0, merges(s), "no history written");
  }

  @Test
  void ofTwoSimultaneousMergesOfTheSameRecordsExactlyOneWinsAndNoRecordIsLost() throws Exception {
    Model m = publish();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 4; round++) {
        String a = create(m.client(), "name: \"A" + round + "\", phone: \"1390000" + round + "001\"");
        String b = create(m.client(), "name: \"B" + round + "\", email: \"b" + round + "@x.com\"");
        String d = create(m.deal(), "title: \"d\", buyer: \"" + b + "\", payer: \"" + a + "\"");
        CountDownLatch start = new CountDownLatch(1);
        Future<JsonPath> ab = threads.submit(() -> {
          start.await();
          return merge(m, a, List.of(b), null);
        });
        Future<JsonPath> ba = threads.submit(() -> {
          start.await();
          return merge(m, b, List.of(a), null);
        });
        start.countDown();
        List<JsonPath> results = List.of(ab.get(), ba.get());
        List<JsonPath> won = new ArrayList<>(results.stream().filter(r -> r.get("errors") == null).toList());
        assertEquals(1, won.size(), results.get(0).prettify() + results.get(1).prettify());
        JsonPath lost = results.stream().filter(r -> r.get("errors") != null).findFirst().orElseThrow();
        assertEquals("NOT_FOUND", lost.getString("errors[0].extensions.code"), lost.prettify());
        String survivor = won.get(0).getString("data.mergeRecords.survivorId");
        String gone = survivor.equals(a) ? b : a;
        assertNotNull(client(m, survivor).get("data.r"));
        assertNull(client(m, gone).get("data.r"));
        assertEquals(1, merges(a), "one merge in the history");
        assertEquals(survivor, buyerOf(m, d));
        assertEquals(gone, Gql.ok("{ mergeHistory(id: \"" + gone + "\") { merged { id } } }").getString("data.mergeHistory[0].merged[0].id"));
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
