package dev.tessera.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The GraphQL-over-HTTP specification, one rule per test. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class GraphQlHttpComponentTest {
  static final String GQL_JSON = "application/graphql-response+json";

  static RequestSpecification post(String accept, String body) {
    RequestSpecification r = given().contentType("application/json").body(body);
    return accept == null ? r : r.header("Accept", accept);
  }

  static String body(String query) {
    return new JsonObject().put("query", query).encode();
  }

  @Test
  void acceptedGraphqlResponseJsonIsTheContentTypeAndDataIs200() {
    post(GQL_JSON, body("{ metadataVersion }")).post("/graphql").then().statusCode(200)
        .header("Content-Type", startsWith(GQL_JSON)).body("data.metadataVersion", notNullValue());
  }

  @Test
  void parseFailureIs400WithGraphqlResponseJson() {
    post(GQL_JSON, body("{ metadataVersion ")).post("/graphql").then().statusCode(400)
        .header("Content-Type", startsWith(GQL_JSON)).body("$", not(hasKey("data")))
        .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
  }

  @Test
  void validationFailureIs400WithGraphqlResponseJson() {
    post(GQL_JSON, body("{ noSuchField }")).post("/graphql").then().statusCode(400)
        .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
  }

  @Test
  void variableCoercionFailureIs400WithGraphqlResponseJson() {
    post(GQL_JSON, new JsonObject().put("query", "query Q($k: String) { definitions(kind: $k) }")
        .put("variables", new JsonObject().put("k", new JsonObject().put("a", 1))).encode())
        .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
  }

  @Test
  void fieldErrorWithDataIs200WithGraphqlResponseJson() {
    post(GQL_JSON, body("{ metadataVersion duplicateReports { rule } }")).post("/graphql").then().statusCode(200)
        .body("$", hasKey("data")).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
  }

  @Test
  void legacyJsonAnswersRequestErrorsWith200() {
    post("application/json", body("{ metadataVersion ")).post("/graphql").then().statusCode(200)
        .header("Content-Type", startsWith("application/json"))
        .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
  }

  @Test
  void missingAcceptAndWildcardGetLegacyJson() {
    post(null, body("{ nope }")).post("/graphql").then().statusCode(200).header("Content-Type", startsWith("application/json"));
    post("*/*", body("{ nope }")).post("/graphql").then().statusCode(200).header("Content-Type", startsWith("application/json"));
  }

  @Test
  void preferenceFollowsQualityValues() {
    post(GQL_JSON + ";q=0.5, application/json", body("{ nope }")).post("/graphql").then().statusCode(200)
        .header("Content-Type", startsWith("application/json"));
    post(GQL_JSON + ", application/json;q=0.9", body("{ nope }")).post("/graphql").then().statusCode(400)
        .header("Content-Type", startsWith(GQL_JSON));
  }

  @Test
  void nothingAcceptableIs406() {
    post("text/html", body("{ metadataVersion }")).post("/graphql").then().statusCode(406)
        .body("errors[0].extensions.code", equalTo("NOT_ACCEPTABLE"));
  }

  @Test
  void bodyThatIsNotJsonIs400() {
    post(GQL_JSON, "{ query: nope").post("/graphql").then().statusCode(400)
        .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
  }

  @Test
  void bodyThatIsNotAnObjectIs400() {
    post("application/json", "[1, 2]").post("/graphql").then().statusCode(400);
  }

  @Test
  void missingOrNonStringQueryIs400() {
    post("application/json", "{}").post("/graphql").then().statusCode(400).body("errors[0].message", startsWith("\"query\""));
    post("application/json", "{\"query\": 7}").post("/graphql").then().statusCode(400);
    post("application/json", "{\"query\": {\"a\": 1}}").post("/graphql").then().statusCode(400);
  }

  @Test
  void nonStringOperationNameIs400() {
    post("application/json", "{\"query\": \"{ metadataVersion }\", \"operationName\": 1}").post("/graphql").then()
        .statusCode(400).body("errors[0].message", startsWith("\"operationName\""));
  }

  @Test
  void nonObjectVariablesOrExtensionsAre400() {
    post("application/json", "{\"query\": \"{ metadataVersion }\", \"variables\": \"x\"}").post("/graphql").then()
        .statusCode(400).body("errors[0].message", startsWith("\"variables\""));
    post("application/json", "{\"query\": \"{ metadataVersion }\", \"extensions\": [1]}").post("/graphql").then()
        .statusCode(400).body("errors[0].message", startsWith("\"extensions\""));
  }

  @Test
  void nullParametersAreAllowed() {
    post(GQL_JSON, "{\"query\": \"{ metadataVersion }\", \"operationName\": null, \"variables\": null, \"extensions\": null}")
        .post("/graphql").then().statusCode(200).body("data.metadataVersion", notNullValue());
  }

  @Test
  void postThatIsNotJsonIs415() {
    given().contentType("text/plain").header("Accept", GQL_JSON).body("{ metadataVersion }").post("/graphql").then()
        .statusCode(415);
  }

  @Test
  void getRunsQueriesWithJsonEncodedVariables() {
    given().header("Accept", GQL_JSON).queryParam("query", "query Q($k: String) { definitions(kind: $k) }")
        .queryParam("variables", "{\"k\": \"entity\"}").get("/graphql").then().statusCode(200)
        .header("Content-Type", startsWith(GQL_JSON)).body("data.definitions", notNullValue());
  }

  @Test
  void getWithMalformedVariablesIs400() {
    given().header("Accept", GQL_JSON).queryParam("query", "{ metadataVersion }").queryParam("variables", "{nope")
        .get("/graphql").then().statusCode(400);
  }

  @Test
  void mutationOverGetIs405WithAllowPost() {
    given().header("Accept", GQL_JSON).queryParam("query", "mutation { recyclePool(pool: \"p\") }").get("/graphql")
        .then().statusCode(405).header("Allow", "POST").body("errors[0].message", startsWith("GET requests"));
    given().header("Accept", "application/json").queryParam("query", "mutation { recyclePool(pool: \"p\") }")
        .get("/graphql").then().statusCode(405);
  }
}
