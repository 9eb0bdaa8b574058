package dev.tessera.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Tiny GraphQL client for tests: POSTs to /graphql and returns the JSON response. */
public final class Gql {
  private Gql() {}

  public static JsonPath post(String query) {
    return post(query, Map.of());
  }

  public static JsonPath post(String query, Map<String, Object> variables) {
    return post(null, "en", query, variables);
  }

  /**
   * As the user {@code user} signed in (null: the administrator; see {@link TestUsers}), with messages in
   * {@code locale}.
   */
  public static JsonPath post(String user, String locale, String query, Map<String, Object> variables) {
    String body = new JsonObject().put("query", query).put("variables", variables).encode();
    return given().contentType(ContentType.JSON).header("Accept-Language", locale)
        .header("Authorization", TestUsers.bearer(user)).body(body)
        .when().post("/graphql").then().statusCode(200).extract().jsonPath();
  }

  /**
   * POSTs a JSON body exactly as given (e.g. with escapes an encoder would not write), as the
   * administrator, and returns the answer.
   */
  public static JsonPath postBody(String json) {
    return given().contentType(ContentType.JSON).header("Accept-Language", "en")
        .header("Authorization", TestUsers.bearer(null)).body(json).when().post("/graphql")
        .then().extract().jsonPath();
  }

  /** Data of a request that must not fail. */
  public static JsonPath ok(String query, Map<String, Object> variables) {
    JsonPath r = post(query, variables);
    if (r.get("errors") != null) {
      throw new AssertionError("GraphQL errors: " + r.prettify());
    }
    return r;
  }

  public static JsonPath ok(String query) {
    return ok(query, Map.of());
  }

  /** A unique entity name for one test, so tests sharing a database never collide. */
  /** Publishes definitions and checks they were applied. */
  public static void publish(Object... definitions) {
    JsonPath r = ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", java.util.List.of(definitions)));
    if (!r.getBoolean("data.publishDefinitions.applied")) {
      throw new AssertionError("not published: " + r.prettify());
    }
  }

  public static String unique(String base) {
    return base + Long.toString(System.nanoTime(), 36).replaceAll("[^a-z0-9]", "") + "t";
  }
}
