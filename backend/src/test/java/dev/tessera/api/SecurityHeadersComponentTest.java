package dev.tessera.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every response carries the security headers: the UI's pages (SPA routes such as /graphiql, whatever
 * answers them), /graphql over POST and GET, and refusals. HSTS only when the request came over HTTPS,
 * which here a trusted proxy says with X-Forwarded-Proto.
 */
@QuarkusTest
@TestProfile(SecurityHeadersComponentTest.BehindProxy.class)
@QuarkusTestResource(TestDatabase.class)
class SecurityHeadersComponentTest {
  /** Forwarded headers are trusted, as behind a TLS-terminating proxy. */
  public static class BehindProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
    }
  }

  @Test
  void everyKindOfResponseCarriesTheHeaders() {
    // answered or refused (whether an anonymous caller may ask depends on tessera.auth.required): headers either way
    Response post = given().contentType(ContentType.JSON).body("{\"query\":\"{ __typename }\"}").when().post("/graphql");
    check(post, post.statusCode());
    Response get = given().queryParam("query", "{ __typename }").when().get("/graphql");
    check(get, get.statusCode());
    check(given().contentType(ContentType.JSON).body("{\"query\":\"mutation { signIn(username: \\\"nobody\\\", password: \\\"x\\\") { expiresIn } }\"}")
        .when().post("/graphql"), 200);
    check(given().header("Authorization", "Bearer forged").contentType(ContentType.JSON).body("{\"query\":\"{ __typename }\"}")
        .when().post("/graphql"), 401);
    check(given().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON).body("{}").when().post("/graphql"), 403);
    for (String page : new String[] {"/", "/graphiql", "/assets/none.js", "/q/health"}) {
      Response r = given().when().get(page);
      check(r, r.statusCode());
    }
  }

  @Test
  void thePolicyFitsTheUi() {
    String csp = given().when().get("/graphiql").header("Content-Security-Policy");
    for (String directive : new String[] {"default-src 'self'", "script-src 'self';", "worker-src 'self' blob:",
        "connect-src 'self'", "font-src 'self' data:", "object-src 'none'", "frame-ancestors 'none'"}) {
      assertTrue(csp.contains(directive), directive + " in " + csp);
    }
    assertTrue(!csp.contains("unsafe-eval") && !csp.split("script-src")[1].split(";")[0].contains("unsafe-inline"),
        "no inline or evaluated scripts: " + csp);
  }

  @Test
  void hstsOnlyOverHttps() {
    assertNull(given().when().get("/graphiql").header("Strict-Transport-Security"), "plain HTTP: no HSTS");
    assertEquals(SecurityHeaders.HSTS, given().header("X-Forwarded-Proto", "https").when().get("/graphiql")
        .header("Strict-Transport-Security"));
  }

  private static void check(Response r, int status) {
    assertEquals(status, r.statusCode(), r.asString());
    assertEquals(SecurityHeaders.DEFAULT_POLICY, r.header("Content-Security-Policy"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals("DENY", r.header("X-Frame-Options"));
    assertEquals("no-referrer", r.header("Referrer-Policy"));
    assertTrue(r.header("Permissions-Policy").contains("camera=()"));
  }
}
