package dev.tessera.identity;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.call;
import static dev.tessera.support.Auth.ok;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.SocketClient;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With tessera.auth.required=true: an anonymous request may only sign in or refresh, anything else is
 * HTTP 401 UNAUTHENTICATED; X-Tessera-User is ignored; anonymous sockets are closed with 4403; failed
 * sign-ins are limited per address (addresses forwarded by a trusted proxy here, so each test has its own).
 */
@QuarkusTest
@TestProfile(AuthRequiredComponentTest.Required.class)
@QuarkusTestResource(TestDatabase.class)
class AuthRequiredComponentTest {
  /** Sign-in required; a low per-address limit; the proxy's X-Forwarded-For is trusted. */
  public static class Required implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tessera.auth.required", "true", "tessera.auth.max-failures-per-address", "6",
          "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
    }
  }

  @TestHTTPResource("/graphql")
  URI http;

  @Test
  void anAnonymousRequestMayOnlySignInOrRefresh() {
    for (String query : new String[] {"{ notifications { id } }", "{ __schema { queryType { name } } }",
        "mutation { signIn(username: \"a\", password: \"b\") { expiresIn } signOut }", "{ broken"}) {
      Response r = call(null, "en", query, Map.of());
      assertEquals(401, r.statusCode(), query + " → " + r.asString());
      assertEquals("UNAUTHENTICATED", r.jsonPath().getString("errors[0].extensions.code"));
    }
    assertEquals(401, given().header(dev.tessera.support.SignedIn.ANONYMOUS, "1").header("Accept", "application/json").queryParam("query", "{ notifications { id } }")
        .when().get("/graphql").statusCode());
    String token = ok(Auth.signIn(Auth.ADMIN, Auth.ADMIN_PASSWORD)).getString("data.signIn.accessToken");
    ok(as(token, "{ notifications { id } }"));
  }

  @Test
  void theUserHeaderIsIgnored() {
    Response r = given().header(dev.tessera.support.SignedIn.ANONYMOUS, "1").contentType(ContentType.JSON).header("X-Tessera-User", Auth.ADMIN)
        .body(new JsonObject().put("query", "{ notifications { id } }").encode()).when().post("/graphql");
    assertEquals(401, r.statusCode());
    String user = Auth.user("req", "a good password");
    String token = Auth.token(user, "a good password");
    JsonPath team = given().contentType(ContentType.JSON).header("X-Tessera-User", Auth.ADMIN).header("Authorization", "Bearer " + token)
        .body(new JsonObject().put("query", "mutation { createTeam(input: {code: \"" + Gql.unique("r") + "\", name: \"x\"})"
            + " { createdBy } }").encode()).when().post("/graphql").then().statusCode(200).extract().jsonPath();
    assertEquals(user, team.getString("data.createTeam.createdBy"));
  }

  @Test
  void anAnonymousSocketIsClosed() throws Exception {
    SocketClient c = SocketClient.withHeaders(http, Map.of("X-Tessera-User", Auth.ADMIN));
    c.send(Map.of("type", "connection_init"));
    assertEquals(4403, c.closedWith.get(10, TimeUnit.SECONDS));
  }

  @Test
  void anAddressIsRefusedAfterSixFailuresWhateverTheAccounts() {
    String user = Auth.user("addr", "a good password");
    String address = "198.51.100." + (System.nanoTime() % 200 + 1);
    for (int i = 0; i < 6; i++) {
      assertEquals("UNAUTHENTICATED", from(address, Gql.unique("guess"), "guess " + i).getString("errors[0].extensions.code"));
    }
    assertEquals("TOO_MANY_ATTEMPTS", from(address, user, "a good password").getString("errors[0].extensions.code"));
    ok(from("198.51.100.250", user, "a good password"));
  }

  private static JsonPath from(String address, String username, String password) {
    return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
        .body(new JsonObject().put("query", Auth.SIGN_IN).put("variables", Map.of("u", username, "p", password)).encode())
        .when().post("/graphql").then().statusCode(200).extract().jsonPath();
  }
}
