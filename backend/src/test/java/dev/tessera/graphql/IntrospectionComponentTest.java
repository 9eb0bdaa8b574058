package dev.tessera.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every standard client's introspection passes the limits, hostile introspection does not, and each
 * refusal names its code and where the offending field is. The fixtures are the exact text graphql-js
 * 16.15 {@code getIntrospectionQuery()} generates (GraphiQL, GraphQL Code Generator, Apollo, urql send it):
 * with its defaults, with every option on, and without descriptions.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class IntrospectionComponentTest {

  static String fixture(String name) {
    try (InputStream in = IntrospectionComponentTest.class.getResourceAsStream("IntrospectionComponentTest." + name + ".graphql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "allOptions", "noDescriptions"})
  void standardIntrospectionQueryPasses(String variant) {
    JsonPath r = Gql.post(fixture(variant));
    assertNull(r.get("errors"), r.prettify());
    List<String> types = r.getList("data.__schema.types.name");
    assertTrue(types.containsAll(List.of("Query", "Mutation", "JSON", "DateTime")), types.toString());
    assertEquals("Query", r.getString("data.__schema.queryType.name"));
  }

  @Test
  void fieldsInsideFieldsIsRefusedWithItsLocation() {
    String q = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    JsonPath r = Gql.post(q);
    assertEquals("QUERY_TOO_COMPLEX", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals(1, r.getInt("errors[0].locations[0].line"));
    assertEquals(q.indexOf("fields", q.indexOf("fields") + 1) + 1, r.getInt("errors[0].locations[0].column"), r.prettify());
    assertNull(r.get("data"));
  }

  @Test
  void cycleThroughFragmentsIsRefusedToo() {
    JsonPath r = Gql.post("{ __type(name: \"Query\") { ...T } } fragment T on __Type { name fields { type { ...U } } }"
        + " fragment U on __Type { name interfaces { name } possibleTypes { fields { name } } }");
    assertEquals("QUERY_TOO_COMPLEX", r.getString("errors[0].extensions.code"), r.prettify());
    assertTrue(r.getString("errors[0].message").contains("__Type.fields"), r.prettify());
  }

  @Test
  void listsNestedBeyondTheStandardQueryAreRefused() {
    String q = "{ __schema { types { interfaces { possibleTypes { fields { name } } } } } }";
    JsonPath r = Gql.post(q);
    assertEquals("QUERY_TOO_COMPLEX", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals(q.indexOf("fields") + 1, r.getInt("errors[0].locations[0].column"), r.prettify());
    assertNull(Gql.post("{ __schema { types { interfaces { possibleTypes { name } } } } }").get("errors"));
  }

  @Test
  void refusalsSpeakTheCallersLanguage() {
    String q = "{ __schema { types { fields { type { fields { name } } } } } }";
    JsonPath zh = Gql.post(null, "zh-CN", q, Map.of());
    assertTrue(zh.getString("errors[0].message").contains("内省查询"), zh.prettify());
    JsonPath en = Gql.post(null, "en", q, Map.of());
    assertTrue(en.getString("errors[0].message").startsWith("introspection repeats __Type.fields"), en.prettify());
  }

  @Test
  void endlessOfTypeIsTooDeep() {
    String q = "{ __type(name: \"Query\") { " + "ofType { ".repeat(25) + "name" + " }".repeat(25) + " } }";
    JsonPath r = Gql.post(q);
    assertEquals("QUERY_TOO_DEEP", r.getString("errors[0].extensions.code"), r.prettify());
    assertNotNull(r.get("errors[0].locations[0].column"), r.prettify());
  }

  @Test
  void introspectionRootsAndAliasesStayBounded() {
    String q = "{ a: __schema { types { name } } b: __schema { types { name } } }";
    JsonPath twice = Gql.post(q);
    assertEquals("QUERY_TOO_COMPLEX", twice.getString("errors[0].extensions.code"), twice.prettify());
    assertEquals(1, twice.getInt("errors[0].locations[0].line"));
    assertEquals(q.indexOf("b:") + 1, twice.getInt("errors[0].locations[0].column"), twice.prettify());
    StringBuilder aliases = new StringBuilder("{ __schema { types { ");
    for (int i = 0; i < 600; i++) {
      aliases.append("n").append(i).append(": name ");
    }
    JsonPath wide = Gql.post(aliases.append("} } }").toString());
    assertEquals("QUERY_TOO_COMPLEX", wide.getString("errors[0].extensions.code"), wide.prettify());
  }

  @Test
  void badLiteralIsBadUserInputWithItsLocation() {
    JsonPath r = Gql.post("{\n  metadataVersion\n  restore: definitions(kind: 5)\n}");
    assertEquals("BAD_USER_INPUT", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals(3, r.getInt("errors[0].locations[0].line"), r.prettify());
  }

  @Test
  void variableThatDoesNotCoerceIsBadUserInput() {
    JsonPath r = Gql.post("query Q($k: String) { definitions(kind: $k) }", Map.of("k", Map.of("not", "text")));
    assertEquals("BAD_USER_INPUT", r.getString("errors[0].extensions.code"), r.prettify());
    assertNull(r.get("data"));
  }

  @Test
  void syntaxErrorIsParseFailedWithItsLocation() {
    JsonPath r = Gql.post("{\n  metadataVersion(\n}");
    assertEquals("GRAPHQL_PARSE_FAILED", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals(3, r.getInt("errors[0].locations[0].line"), r.prettify());
  }

  @Test
  void unknownFieldIsValidationFailed() {
    JsonPath r = Gql.post("{ nope }");
    assertEquals("GRAPHQL_VALIDATION_FAILED", r.getString("errors[0].extensions.code"), r.prettify());
    assertEquals(3, r.getInt("errors[0].locations[0].column"), r.prettify());
  }
}
