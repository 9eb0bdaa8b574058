package dev.tessera.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Signing in and calling GraphQL with a bearer credential, for the identity tests. */
public final class Auth {
  /** The administrator made at start, with the test profile's TESSERA_ADMIN_PASSWORD. */
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-test-password";
  public static final String SIGN_IN = "mutation S($u: String!, $p: String!) { signIn(username: $u, password: $p)"
      + " { accessToken refreshToken expiresIn } }";
  public static final String REFRESH = "mutation R($t: String!) { refreshSession(refreshToken: $t)"
      + " { accessToken refreshToken expiresIn } }";

  private Auth() {}

  /** POSTs a query with {@code Authorization: <authorization>} when given (null: none), in {@code locale}. */
  public static Response call(String authorization, String locale, String query, Map<String, Object> variables) {
    var request = given().contentType(ContentType.JSON).header("Accept-Language", locale)
        .body(new JsonObject().put("query", query).put("variables", variables).encode());
    request = authorization != null ? request.header("Authorization", authorization)
        : request.header(SignedIn.ANONYMOUS, "1");
    return request.when().post("/graphql");
  }

  /** A request with {@code Bearer <credential>} that must get HTTP 200. */
  public static JsonPath as(String credential, String query, Map<String, Object> variables) {
    Response r = call("Bearer " + credential, "en", query, variables);
    if (r.statusCode() != 200) {
      throw new AssertionError("HTTP " + r.statusCode() + ": " + r.asString());
    }
    return r.jsonPath();
  }

  public static JsonPath as(String credential, String query) {
    return as(credential, query, Map.of());
  }

  /** The answer of signIn (no credential sent). */
  public static JsonPath signIn(String username, String password) {
    return call(null, "en", SIGN_IN, Map.of("u", username, "p", password)).then().statusCode(200).extract().jsonPath();
  }

  /** A session's access token; fails when sign-in does. */
  public static String token(String username, String password) {
    JsonPath r = signIn(username, password);
    String token = r.getString("data.signIn.accessToken");
    if (token == null) {
      throw new AssertionError("sign-in failed: " + r.prettify());
    }
    return token;
  }

  /** The role {@link #user} gives: it may work with teams (create, read, change, delete), nothing else. */
  public static final String STAFF_ROLE = "testStaff";
  private static volatile boolean staffPublished;

  /** {@link #STAFF_ROLE}, published on first use. */
  public static synchronized String staffRole() {
    if (!staffPublished) {
      String admin = token(ADMIN, ADMIN_PASSWORD);
      ok(as(admin, "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", java.util.List.of(
          Map.of("kind", "role", "name", STAFF_ROLE, "label", Map.of("zh-CN", "测试员工", "en", "Test staff"),
              "entities", Map.of("team", Map.of("create", true, "read", true, "update", true, "delete", true, "scope", "all")))))));
      staffPublished = true;
    }
    return STAFF_ROLE;
  }

  /**
   * A new user (created and given a password by the administrator) whose username starts with
   * {@code base}, holding {@link #STAFF_ROLE}: not an administrator.
   */
  public static String user(String base, String password) {
    return user(base, password, java.util.List.of(staffRole()));
  }

  /** As {@link #user(String, String)}, holding {@code roles} (e.g. {@code admin}). */
  public static String user(String base, String password, java.util.List<String> roles) {
    String admin = token(ADMIN, ADMIN_PASSWORD);
    String username = Gql.unique(base);
    ok(as(admin, "mutation U($i: UserInput!) { createUser(input: $i) { id } }",
        Map.of("i", Map.of("username", username, "name", username, "roles", roles))));
    ok(as(admin, "mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
        Map.of("u", username, "p", password)));
    return username;
  }

  /** The answer, checked to carry no errors. */
  public static JsonPath ok(JsonPath r) {
    if (r.get("errors") != null) {
      throw new AssertionError("GraphQL errors: " + r.prettify());
    }
    return r;
  }
}
