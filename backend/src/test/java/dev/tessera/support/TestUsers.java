package dev.tessera.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in callers for tests that act as a named user: on first use the user is made (or, if a test
 * made its record already, given) the {@code admin} role and a password, then signed in; its access
 * token is reused for a few minutes. Tests of roles make their own users ({@link Auth#user}).
 */
public final class TestUsers {
  public static final String PASSWORD = "test-user-password";
  private static final long REUSE_MS = 5 * 60_000;
  private record Held(String token, long at) {}
  private static final Map<String, Held> TOKENS = new ConcurrentHashMap<>();

  private TestUsers() {}

  /** {@code Bearer <token>} of {@code user} (null: the administrator). */
  public static String bearer(String user) {
    String name = user == null ? Auth.ADMIN : user;
    Held h = TOKENS.get(name);
    long now = System.currentTimeMillis();
    if (h == null || now - h.at() > REUSE_MS) {
      h = new Held(signIn(name), now);
      TOKENS.put(name, h);
    }
    return "Bearer " + h.token();
  }

  private static synchronized String signIn(String name) {
    if (name.equals(Auth.ADMIN)) {
      return Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    }
    String admin = "Bearer " + Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    JsonPath found = post(admin, "query F($u: String!) { users(first: 1, filter: {username: {eq: $u}}) { nodes { id version roles status } } }",
        Map.of("u", name));
    List<Map<String, Object>> nodes = found.getList("data.users.nodes");
    if (nodes == null || nodes.isEmpty()) {
      ok(post(admin, "mutation C($i: UserInput!) { createUser(input: $i) { id } }",
          Map.of("i", Map.of("username", name, "name", name, "roles", List.of("admin")))));
    } else {
      Map<String, Object> u = nodes.get(0);
      @SuppressWarnings("unchecked")
      List<String> roles = u.get("roles") == null ? new ArrayList<>() : new ArrayList<>((List<String>) u.get("roles"));
      if (!roles.contains("admin") || !"active".equals(u.get("status"))) {
        if (!roles.contains("admin")) {
          roles.add("admin");
        }
        ok(post(admin, "mutation U($id: ID!, $v: Int!, $p: UserPatch!) { updateUser(id: $id, version: $v, patch: $p) { id } }",
            Map.of("id", u.get("id"), "v", u.get("version"), "p", Map.of("roles", roles, "status", "active"))));
      }
    }
    ok(post(admin, "mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
        Map.of("u", name, "p", PASSWORD)));
    return Auth.token(name, PASSWORD);
  }

  private static JsonPath post(String authorization, String query, Map<String, Object> variables) {
    return given().contentType(ContentType.JSON).header("Authorization", authorization)
        .body(new JsonObject().put("query", query).put("variables", variables).encode())
        .when().post("/graphql").then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath ok(JsonPath r) {
    if (r.get("errors") != null) {
      throw new AssertionError("GraphQL errors: " + r.prettify());
    }
    return r;
  }
}
