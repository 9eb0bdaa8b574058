package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import dev.tessera.storage.PgSql;
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

/** Filters use the indexes; nested queries cost one statement per level, not per parent. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class QueryCostComponentTest {
  @Inject
  Pool pool;
  @Inject
  PgSql sql;
  @Inject
  RecordStore store;
  @Inject
  TxRunner tx;
  @Inject
  MetadataRegistry registry;

  @Test
  void indexedFieldFilterUsesAnIndexScanOn100kRows() {
    String name = Gql.unique("prospect");
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("city", "text", "indexed", true), field("score", "number", "indexed", true)))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"));
    pool.query("INSERT INTO \"rec_" + name + "\"(id, data) SELECT gen_random_uuid(), jsonb_build_object('city', 'city' || g,"
        + " 'score', g % 1000) FROM generate_series(1, 100000) g").execute().await().indefinitely();
    pool.query("ANALYZE \"rec_" + name + "\"").execute().await().indefinitely();
    var e = registry.current().entity(name);
    var order = dev.tessera.graphql.QueryArgs.order(e, null);
    Page page = new Page(order, null, false, 21);
    for (var filter : List.of(
        new Filter.Compare(Column.of(e.field("city").orElseThrow()), Filter.Op.EQ, "city4242"),
        new Filter.Compare(Column.of(e.field("score").orElseThrow()), Filter.Op.EQ, new java.math.BigDecimal(7)))) {
      String plan = tx.withConnection(t -> store.explain(t, new RecordQuery(e, filter, page, false))).await().indefinitely();
      assertTrue(plan.contains("Index Scan") || plan.contains("Bitmap Index Scan"), plan);
      assertFalse(plan.contains("Seq Scan"), plan);
    }
    JsonPath q = Gql.ok("{ " + name + "s(filter: {city: {eq: \"city4242\"}}) { totalCount nodes { city } } }");
    assertEquals(1, q.getInt("data." + name + "s.totalCount"));
  }

  @Test
  void compositeIndexServesPrefixEqualityInPageOrderWithoutSorting() {
    String name = Gql.unique("ticket");
    Map<String, Object> def = entity(name, field("team", "text"), field("status", "text"), field("city", "text"));
    def.put("indexes", List.of(Map.of("fields", List.of("team", "status"))));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(def)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    pool.query("INSERT INTO \"rec_" + name + "\"(id, data) SELECT gen_random_uuid(), jsonb_build_object('team', 't' || (g % 100),"
        + " 'status', 's' || (g % 5), 'city', 'c' || (g % 10)) FROM generate_series(1, 100000) g").execute().await().indefinitely();
    pool.query("ANALYZE \"rec_" + name + "\"").execute().await().indefinitely();
    var e = registry.current().entity(name);
    Page page = new Page(dev.tessera.graphql.QueryArgs.order(e, null), null, false, 21);
    Filter filter = new Filter.And(List.of(
        new Filter.Compare(Column.of(e.field("team").orElseThrow()), Filter.Op.EQ, "t42"),
        new Filter.Compare(Column.of(e.field("status").orElseThrow()), Filter.Op.EQ, "s2")));
    String plan = tx.withConnection(t -> store.explain(t, new RecordQuery(e, filter, page, false))).await().indefinitely();
    assertTrue(plan.contains("Index Scan"), plan);
    assertFalse(plan.contains("Sort") || plan.contains("Seq Scan"), "rows come in page order from the index: " + plan);
  }

  @Test
  void uniqueCompositeIndexNamesTheFieldsOnViolation() {
    String name = Gql.unique("seat");
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Map<String, Object> def = entity(name, field("row", "text"), field("seatNo", "number"));
    def.put("indexes", List.of(Map.of("fields", List.of("row", "seatNo"), "unique", true)));
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(def)));
    Gql.ok("mutation { create" + type + "(input: {row: \"A\", seatNo: 1}) { id } }");
    Gql.ok("mutation { create" + type + "(input: {row: \"A\", seatNo: 2}) { id } }");
    JsonPath dup = Gql.post("mutation { create" + type + "(input: {row: \"A\", seatNo: 1}) { id } }");
    assertEquals("VALIDATION_FAILED", dup.getString("errors[0].extensions.code"), dup.prettify());
    assertEquals("row", dup.getString("errors[0].extensions.field"), dup.prettify());
    assertTrue(dup.getString("errors[0].message").contains("combination"), dup.prettify());
  }

  @Test
  void nestedQueryRunsOneStatementPerLevel() {
    String owner = Gql.unique("rep");
    String lead = Gql.unique("opp");
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(
        entity(owner, field("name", "text")),
        entity(lead, field("title", "text"), field("rep", "reference", "target", owner)))));
    String O = RecordApiComponentTest.cap(owner);
    String L = RecordApiComponentTest.cap(lead);
    for (int i = 0; i < 10; i++) {
      String id = Gql.ok("mutation { create" + O + "(input: {name: \"rep" + i + "\"}) { id } }").getString("data.create" + O + ".id");
      StringBuilder m = new StringBuilder("mutation { ");
      for (int j = 0; j < 5; j++) {
        m.append("l").append(j).append(": create").append(L).append("(input: {title: \"t").append(j)
            .append("\", rep: \"").append(id).append("\"}) { id } ");
      }
      Gql.ok(m.append("}").toString());
    }
    String nested = "{ " + owner + "s(first: 10) { nodes { name " + lead + "sByRep(first: 3) { nodes { title rep { name } } } } } }";
    Gql.ok(nested);
    // the change-feed dispatcher and the job runner poll in the background and can only add statements
    // to a measurement: the fewest of five runs is the query's own count
    long statements = Long.MAX_VALUE;
    JsonPath r = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      long before = sql.statementCount();
      r = Gql.ok(nested);
      statements = Math.min(statements, sql.statementCount() - before);
    }
    assertEquals(10, r.getList("data." + owner + "s.nodes").size());
    assertEquals(3, r.getList("data." + owner + "s.nodes[0]." + lead + "sByRep.nodes").size());
    assertEquals(3, statements, "owners, their leads (batched), the leads' reps (batched)");
  }
}
