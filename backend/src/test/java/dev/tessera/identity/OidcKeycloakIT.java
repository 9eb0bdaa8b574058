package dev.tessera.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Keycloak;
import dev.tessera.support.PackagedApp;
import dev.tessera.support.SocketClient;
import dev.tessera.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integration test against a real OpenID Connect provider: Keycloak in its own process (realms
 * {@code tessera-it} and {@code other-it}, src/test/resources/oidc) and the packaged app, sign-in
 * required, configured with the {@code tessera-it} issuer and audience {@code tessera}. The provider's access tokens act as the
 * Tessera user their {@code preferred_username} names; unknown and deactivated users, other audiences,
 * expired, tampered, foreign-key, foreign-issuer, {@code alg: none}, HMAC and ID tokens are all refused
 * with 401 UNAUTHENTICATED, over HTTP and over a socket's connection_init; the provider's key rotation
 * (a new key, the old one dropped) and ES256 keys work without a restart. Skipped (with the reason) only
 * on a machine without Java 21+, which Keycloak needs.
 */
class OidcKeycloakIT {
  private static final String REALM = "tessera-it";
  private static final String DB = TestDatabase.NAME + "_oidc";
  private static final String ADMIN_PASSWORD = "oidc-it-admin-password";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Keycloak keycloak;
  private static PackagedApp app;
  private static URI graphql;
  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> java = Keycloak.java();
    Assumptions.assumeTrue(java.isPresent(), "Keycloak needs Java 21 or later: none found (KEYCLOAK_JAVA_HOME,"
        + " JAVA_HOME, /usr/lib/jvm); the OIDC integration test cannot run here");
    TestDatabase.recreate(DB);
    int kcPort = PackagedApp.freePort();
    keycloak = Keycloak.launch(java.get(), kcPort);
    int port = PackagedApp.freePort();
    app = PackagedApp.launch("oidc-it", port, Map.ofEntries(Map.entry("TESSERA_DB_URL", "postgresql://127.0.0.1:5432/" + DB),
        Map.entry("TESSERA_AUTH_REQUIRED", "true"), Map.entry("TESSERA_ADMIN_PASSWORD", ADMIN_PASSWORD),
        Map.entry("TESSERA_STARTER_INSTALL", "false"), Map.entry("TESSERA_OIDC_ISSUER", keycloak.issuer(REALM)),
        Map.entry("TESSERA_OIDC_AUDIENCE", "tessera"), Map.entry("TESSERA_OIDC_CLOCK_SKEW", "1S"),
        Map.entry("TESSERA_OIDC_KEY_REFETCH_INTERVAL", "1S"), Map.entry("TESSERA_AUTH_CHECK_INTERVAL", "1S")));
    graphql = URI.create("http://127.0.0.1:" + port + "/graphql");
    adminToken = signInAdmin(Duration.ofSeconds(120));
    keycloak.awaitReady(Duration.ofSeconds(240));
    for (String user : new String[] {"alice", "carol"}) {
      // the test's users create teams to show who acted: the admin role lets them
      ok(call(adminToken, "mutation { createUser(input: {username: \"" + user + "\", name: \"" + user
          + "\", roles: [\"admin\"]}) { id } }"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        app.stop();
      }
    } finally {
      if (keycloak != null) {
        keycloak.stop();
      }
    }
  }

  @Test
  void aValidTokenActsAsItsUserAndTesseraTokensStillWork() throws Exception {
    String token = keycloak.accessToken(REALM, "tessera", "alice");
    assertEquals("alice", createdBy(token));
    assertEquals("alice", createdBy(token), "again, from the cached keys");
    assertEquals("admin", createdBy(adminToken), "Tessera's own tokens keep working beside the provider's");
  }

  @Test
  void anEs256TokenIsAccepted() throws Exception {
    keycloak.addKeyProvider(REALM, "ec-p256", "ecdsa-generated", 50, Map.of("ecdsaEllipticCurveKey", "P-256"));
    String token = keycloak.accessToken(REALM, "tessera-es", "alice");
    assertEquals("ES256", header(token).getString("alg"));
    assertEquals("alice", eventually(token));
  }

  @Test
  void aTokenForAnUnknownUserIsRefused() throws Exception {
    assertRefused(keycloak.accessToken(REALM, "tessera", "bob"));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    String token = keycloak.accessToken(REALM, "other-app", "alice");
    assertEquals("other-app", payload(token).getString("azp"));
    assertRefused(token);
  }

  @Test
  void anIdTokenIsRefused() throws Exception {
    String id = keycloak.passwordGrant(REALM, "tessera", "alice", "alice-secret", "openid").getString("id_token");
    assertEquals("tessera", payload(id).getValue("aud"), "an ID token is addressed to the client, yet is no access token");
    assertRefused(id);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String token = keycloak.accessToken(REALM, "tessera-short", "alice");
    long exp = payload(token).getLong("exp");
    assertEquals("alice", createdBy(token), "accepted while it is valid");
    while (System.currentTimeMillis() / 1000 <= exp + 2) {
      Thread.sleep(250);
    }
    assertRefused(token);
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String[] parts = keycloak.accessToken(REALM, "tessera", "alice").split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String forged = parts[0] + "." + encode(claims.put("preferred_username", "admin").encode()) + "." + parts[2];
    assertRefused(forged);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    String real = keycloak.accessToken(REALM, "tessera", "alice");
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertRefused(sign(header(real), payload(real), other), "the provider's key id, another key");
    assertRefused(sign(header(real).put("kid", "not-a-provider-key"), payload(real), other), "an unknown key id");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() throws Exception {
    String token = keycloak.accessToken("other-it", "tessera", "alice");
    assertEquals(keycloak.issuer("other-it"), payload(token).getString("iss"));
    assertRefused(token);
    String[] parts = token.split("\\.");
    String claimsOurIssuer = parts[0] + "." + encode(payload(token).put("iss", keycloak.issuer(REALM)).encode()) + "." + parts[2];
    assertRefused(claimsOurIssuer);
  }

  @Test
  void unsignedAndHmacTokensAreRefused() throws Exception {
    String real = keycloak.accessToken(REALM, "tessera", "alice");
    JsonObject claims = payload(real);
    String none = encode(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + encode(claims.encode()) + ".";
    assertRefused(none, "alg none");
    JsonObject hs = new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", header(real).getString("kid"));
    String input = encode(hs.encode()) + "." + encode(claims.encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(keycloak.issuer(REALM).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertRefused(input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))),
        "HS256");
  }

  @Test
  void aDeactivatedUserIsRefusedWithinTheCheckInterval() throws Exception {
    String token = keycloak.accessToken(REALM, "tessera", "carol");
    assertEquals("carol", createdBy(token));
    JsonObject user = ok(call(adminToken, "{ users(filter: {username: {eq: \"carol\"}}) { nodes { id version } } }"))
        .getJsonObject("data").getJsonObject("users").getJsonArray("nodes").getJsonObject(0);
    ok(call(adminToken, "mutation { updateUser(id: \"" + user.getString("id") + "\", version: " + user.getInteger("version")
        + ", patch: {status: \"inactive\"}) { status } }"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = post(token, "{ notifications { id } }").statusCode();
    }
    assertRefused(token);
  }

  @Test
  void aKeyRotationAtTheProviderNeedsNoRestart() throws Exception {
    String before = keycloak.accessToken(REALM, "tessera", "alice");
    assertEquals("alice", createdBy(before));
    JsonArray old = keycloak.keyProviders(REALM);
    keycloak.addKeyProvider(REALM, "rsa-rotated-" + System.nanoTime(), "rsa-generated", 500, Map.of("keySize", "2048"));
    for (int i = 0; i < old.size(); i++) {
      JsonObject p = old.getJsonObject(i);
      if ("rsa-generated".equals(p.getString("providerId"))) {
        keycloak.removeComponent(REALM, p.getString("id"));
      }
    }
    String after = keycloak.accessToken(REALM, "tessera", "alice");
    assertNotEquals(header(before).getString("kid"), header(after).getString("kid"), "signed with the new key");
    assertEquals("alice", eventually(after));
  }

  @Test
  void overASocketAValidTokenActsAsItsUserAndABadOneIsClosed() throws Exception {
    SocketClient good = SocketClient.open(graphql, null);
    good.send(Map.of("type", "connection_init", "payload",
        Map.of("Authorization", "Bearer " + keycloak.accessToken(REALM, "tessera", "alice"))));
    assertEquals("connection_ack", good.next().getString("type"));
    good.subscribe("1", saveView(), Map.of());
    JsonObject next = good.next();
    assertEquals("alice", next.getJsonObject("payload").getJsonObject("data").getJsonObject("saveView").getString("createdBy"),
        next.encode());
    good.socket.sendClose(1000, "done").join();

    SocketClient bad = SocketClient.open(graphql, null);
    bad.send(Map.of("type", "connection_init", "payload",
        Map.of("Authorization", "Bearer " + keycloak.accessToken(REALM, "other-app", "alice"))));
    assertEquals(4403, bad.closedWith.get(10, TimeUnit.SECONDS));
  }

  // ---------------------------------------------------------------- helpers

  /** A mutation any signed-in user may run (a private list view), answering who ran it. */
  private static String saveView() {
    return "mutation { saveView(entity: \"team\", name: \"v" + System.nanoTime() + "\", settings: {}) { createdBy } }";
  }

  /** Who a list view saved with this token was saved by; fails on any error. */
  private static String createdBy(String token) throws Exception {
    return ok(call(token, saveView())).getJsonObject("data").getJsonObject("saveView").getString("createdBy");
  }

  /** {@link #createdBy} once the app has fetched the provider's new keys (at most one fetch a second). */
  private static String eventually(String token) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (post(token, "{ notifications { id } }").statusCode() == 401 && System.nanoTime() < deadline) {
      Thread.sleep(300);
    }
    return createdBy(token);
  }

  private static void assertRefused(String token) throws Exception {
    assertRefused(token, "");
  }

  private static void assertRefused(String token, String what) throws Exception {
    HttpResponse<String> r = post(token, "{ notifications { id } }");
    assertEquals(401, r.statusCode(), what + ": " + r.body());
    assertEquals("UNAUTHENTICATED", new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0)
        .getJsonObject("extensions").getString("code"), what);
    assertEquals(401, post(token, saveView()).statusCode(), what + ": nothing is written");
  }

  private static HttpResponse<String> post(String token, String query) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header("Accept", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(String token, String query) throws Exception {
    return post(token, query);
  }

  private static JsonObject ok(HttpResponse<String> r) {
    JsonObject body = new JsonObject(r.body());
    if (r.statusCode() != 200 || body.getJsonArray("errors") != null) {
      throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    }
    return body;
  }

  /** The administrator's access token, once the app (sign-in required: nothing else answers anonymously) signs in. */
  private static String signInAdmin(Duration bound) throws Exception {
    HttpRequest signIn = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", "mutation { signIn(username: \"admin\", password: \""
            + ADMIN_PASSWORD + "\") { accessToken } }").encode())).build();
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(app.process().isAlive(), "the app exited during start-up; see " + app.log().getAbsolutePath());
      try {
        HttpResponse<String> r = HTTP.send(signIn, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return ok(r).getJsonObject("data").getJsonObject("signIn").getString("accessToken");
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the app did not start within " + bound.toSeconds() + " s; see " + app.log().getAbsolutePath());
  }

  private static JsonObject header(String jwt) {
    return part(jwt, 0);
  }

  private static JsonObject payload(String jwt) {
    return part(jwt, 1);
  }

  private static JsonObject part(String jwt, int i) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8));
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JWS signed RS256 with {@code keys}' private key. */
  private static String sign(JsonObject header, JsonObject claims, KeyPair keys) throws Exception {
    String input = encode(header.encode()) + "." + encode(claims.encode());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(keys.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

}
