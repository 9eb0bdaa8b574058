package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated API of one entity pair (company 1-n customer): CRUD, filters, order, pages, aggregates. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class RecordApiComponentTest {
  static String co;
  static String cu;
  static String Co;
  static String Cu;

  @BeforeEach
  void publishOnce() {
    if (co != null) {
      return;
    }
    co = Gql.unique("firm");
    cu = Gql.unique("buyer");
    Co = cap(co);
    Cu = cap(cu);
    Map<String, Object> company = entity(co, field("name", "text", "required", true));
    Map<String, Object> customer = entity(cu, field("name", "text", "required", true, "indexed", true),
        field("phone", "phone", "unique", true), field("email", "email"), field("annualSpend", "money"),
        field("score", "number", "min", 0, "max", 100), field("tags", "tags"),
        field("firm", "reference", "target", co, "onDelete", "setNull"));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(company, customer)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
  }

  static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  String createFirm(String name) {
    return Gql.ok("mutation { create" + Co + "(input: {name: \"" + name + "\"}) { id } }").getString("data.create" + Co + ".id");
  }

  @Test
  void createNormalizesPhoneAndResolvesReferencesBothWays() {
    String firm = createFirm("杭州云帆");
    JsonPath c = Gql.ok("mutation { create" + Cu + "(input: {name: \"李雷\", phone: \"138 0013 8000\", email: \"Li@Example.COM\","
        + " firm: \"" + firm + "\", annualSpend: \"600000.10\"}) { id phone email annualSpend firm { name } firmId } }");
    assertEquals("+8613800138000", c.getString("data.create" + Cu + ".phone"));
    assertEquals("Li@example.com", c.getString("data.create" + Cu + ".email"));
    assertEquals("杭州云帆", c.getString("data.create" + Cu + ".firm.name"));
    JsonPath back = Gql.ok("{ " + co + "(id: \"" + firm + "\") { " + cu + "sByFirm { totalCount nodes { name } } } }");
    assertEquals(1, back.getInt("data." + co + "." + cu + "sByFirm.totalCount"));
  }

  @Test
  void validationErrorsNameTheField() {
    JsonPath r = Gql.post("mutation { create" + Cu + "(input: {name: \"x\", score: 101, phone: \"12\"}) { id } }");
    assertEquals("VALIDATION_FAILED", r.getString("errors[0].extensions.code"));
    List<Map<String, String>> problems = r.getList("errors[0].extensions.problems");
    assertTrue(problems.stream().anyMatch(p -> p.get("field").equals("score")), r.prettify());
    assertTrue(problems.stream().anyMatch(p -> p.get("field").equals("phone")), r.prettify());
    JsonPath missing = Gql.post("mutation { create" + Cu + "(input: {email: \"a@b.cn\"}) { id } }");
    assertEquals("name", missing.getString("errors[0].extensions.field"));
    String zh = RestAssured.given().contentType("application/json").header("Accept-Language", "zh-CN,zh;q=0.9")
        .body(new io.vertx.core.json.JsonObject().put("query", "mutation { create" + Cu + "(input: {email: \"a@b.cn\"}) { id } }")
            .encode()).post("/graphql").then().extract().jsonPath().getString("errors[0].message");
    assertEquals("“name字段”为必填项", zh);
  }

  @Test
  void uniquePhoneIsEnforcedAcrossFormats() {
    Gql.ok("mutation { create" + Cu + "(input: {name: \"韩梅梅\", phone: \"+86 139-0000-1111\"}) { id } }");
    JsonPath dup = Gql.post("mutation { create" + Cu + "(input: {name: \"韩梅梅2\", phone: \"13900001111\"}) { id } }");
    assertEquals("VALIDATION_FAILED", dup.getString("errors[0].extensions.code"));
    assertEquals("phone", dup.getString("errors[0].extensions.field"));
  }

  @Test
  void staleVersionIsAConflict() {
    String id = Gql.ok("mutation { create" + Cu + "(input: {name: \"v\"}) { id } }").getString("data.create" + Cu + ".id");
    Gql.ok("mutation { update" + Cu + "(id: \"" + id + "\", version: 1, patch: {score: 5}) { version } }");
    JsonPath stale = Gql.post("mutation { update" + Cu + "(id: \"" + id + "\", version: 1, patch: {score: 6}) { version } }");
    assertEquals("VERSION_CONFLICT", stale.getString("errors[0].extensions.code"));
    assertEquals(List.of("update" + Cu), stale.getList("errors[0].path"));
  }

  @Test
  void softDeleteGoesToRecycleBinAndRestores() {
    String id = Gql.ok("mutation { create" + Cu + "(input: {name: \"bin\"}) { id } }").getString("data.create" + Cu + ".id");
    Gql.ok("mutation { delete" + Cu + "(id: \"" + id + "\") { id } }");
    assertNull(Gql.ok("{ " + cu + "(id: \"" + id + "\") { id } }").get("data." + cu));
    JsonPath bin = Gql.ok("{ deleted" + Cu + "s(first: 100) { nodes { id deletedAt } } }");
    assertTrue(bin.getList("data.deleted" + Cu + "s.nodes.id").contains(id));
    Gql.ok("mutation { restore" + Cu + "(id: \"" + id + "\") { id } }");
    assertEquals(id, Gql.ok("{ " + cu + "(id: \"" + id + "\") { id } }").getString("data." + cu + ".id"));
  }

  @Test
  void filtersOrderAndCursorPagesAreStable() {
    String firm = createFirm("分页测试");
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      inputs.add(Map.of("name", "page" + (i % 5), "score", i % 7, "firm", firm, "tags", List.of(i % 2 == 0 ? "vip" : "b2b")));
    }
    Gql.ok("mutation M($i: [" + Cu + "Input!]!) { create" + Cu + "s(inputs: $i) { id } }", Map.of("i", inputs));
    String filter = "{firm: {eq: \"" + firm + "\"}, or: [{score: {gte: 3}}, {tags: {contains: [\"vip\"]}}]}";
    List<String> seen = new ArrayList<>();
    String after = null;
    int total = -1;
    do {
      String args = "filter: " + filter + ", orderBy: [{score: DESC}, {name: ASC}], first: 4"
          + (after == null ? "" : ", after: \"" + after + "\"");
      JsonPath p = Gql.ok("{ " + cu + "s(" + args + ") { totalCount edges { cursor node { id score } } pageInfo { hasNextPage endCursor } } }");
      total = p.getInt("data." + cu + "s.totalCount");
      seen.addAll(p.getList("data." + cu + "s.edges.node.id"));
      after = p.getBoolean("data." + cu + "s.pageInfo.hasNextPage") ? p.getString("data." + cu + "s.pageInfo.endCursor") : null;
    } while (after != null);
    assertEquals(total, seen.size());
    assertEquals(total, seen.stream().distinct().count(), "no row twice across pages");
    JsonPath agg = Gql.ok("{ " + cu + "sAggregate(filter: {firm: {eq: \"" + firm + "\"}}, groupBy: [name]) { group { name } count max { score } } }");
    assertEquals(5, agg.getList("data." + cu + "sAggregate").size());
    assertEquals(5, agg.getInt("data." + cu + "sAggregate[0].count"));
  }

  @Test
  void limitsAreCheckedBeforeExecution() {
    JsonPath page = Gql.post("{ " + cu + "s(first: 101) { totalCount } }");
    assertEquals("PAGE_SIZE_EXCEEDED", page.getString("errors[0].extensions.code"));
    StringBuilder aliases = new StringBuilder("{ ");
    for (int i = 0; i < 1000; i++) {
      aliases.append("a").append(i).append(": metadataVersion ");
    }
    JsonPath many = Gql.post(aliases.append("}").toString());
    assertEquals("QUERY_TOO_COMPLEX", many.getString("errors[0].extensions.code"));
    String fanOut = "{ " + co + "s(first: 100) { nodes { " + cu + "sByFirm(first: 100) { nodes { firm { " + cu
        + "sByFirm(first: 100) { totalCount } } } } } } }";
    JsonPath tooMany = Gql.post(fanOut);
    assertEquals("QUERY_TOO_COMPLEX", tooMany.getString("errors[0].extensions.code"));
    assertEquals(fanOut.lastIndexOf(cu + "sByFirm") + 1, tooMany.getInt("errors[0].locations[0].column"), tooMany.prettify());
    StringBuilder deep = new StringBuilder("{ " + cu + "s { nodes { ");
    for (int i = 0; i < 6; i++) {
      deep.append("firm { " + cu + "sByFirm(first: 1) { nodes { ");
    }
    deep.append("id").append(" } } }".repeat(6)).append(" } } }");
    JsonPath tooDeep = Gql.post(deep.toString());
    assertEquals("QUERY_TOO_DEEP", tooDeep.getString("errors[0].extensions.code"));
    String refused = tooDeep.getString("errors[0].extensions.field");
    int column = tooDeep.getInt("errors[0].locations[0].column");
    assertTrue(deep.substring(column - 1).startsWith(refused + " {"), tooDeep.prettify());
    assertTrue(column > deep.length() / 3, "the nested field, not the root: " + tooDeep.prettify());
    assertEquals(1, tooDeep.getInt("errors[0].locations[0].line"), tooDeep.prettify());
  }

  @Test
  void badFaithIntrospectionIsAnErrorNotAServerFailure() {
    JsonPath r = Gql.post("{ a: __type(name: \"Query\") { name } b: __type(name: \"Mutation\") { name } "
        + "c: __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } "
        + "d: __schema { types { name } } }");
    assertEquals("QUERY_TOO_COMPLEX", r.getString("errors[0].extensions.code"), r.prettify());
  }

  @Test
  void getServesQueriesButNotMutations() {
    String ok = RestAssured.given().queryParam("query", "{ metadataVersion }").get("/graphql").then().statusCode(200)
        .extract().asString();
    assertTrue(ok.contains("metadataVersion"));
    JsonPath m = RestAssured.given().queryParam("query", "mutation { delete" + Cu + "(id: \"x\") { id } }").get("/graphql")
        .then().statusCode(405).extract().jsonPath();
    assertNotNull(m.get("errors"));
    assertEquals("BAD_REQUEST", m.getString("errors[0].extensions.code"));
  }
}
