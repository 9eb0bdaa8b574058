package dev.tessera.identity;

import static dev.tessera.support.Auth.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.support.Auth;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad, expired, wrong-issuer, wrong-audience, forged and tampered access tokens: none is accepted. The
 * forgeries that need the real signing key read it from the database, so each case fails for the one
 * reason it names; a control token signed the same way with the right claims is accepted.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TokenTamperingComponentTest {
  @Inject
  Pool pool;

  String user;
  String token;
  String sid;
  PrivateKey key;

  @BeforeEach
  void signIn() throws Exception {
    user = Auth.user("tamper", "a good password");
    token = Auth.token(user, "a good password");
    sid = payload(token).getString("sid");
    byte[] der = pool.query("SELECT private_key FROM tessera_signing_key").execute().await().indefinitely()
        .iterator().next().getBuffer(0).getBytes();
    key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  @Test
  void theControlTokensAreAccepted() {
    assertEquals(200, status(token));
    assertEquals(200, status(claims("tessera", "tessera-api", 600).jws().keyId(Tokens.KEY_ID).sign(key)),
        "a token the test signs with the real key and the right claims works, so the refusals below are for their reason");
  }

  @Test
  void garbageAndEmptyCredentialsAreRefused() {
    for (String bad : new String[] {"Bearer ", "Bearer x", "Bearer a.b.c", "Basic " + token, token, "Bearer  " + token + "x"}) {
      assertEquals(401, call(bad, "en", "{ notifications { id } }", Map.of()).statusCode(), bad);
    }
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";
    assertEquals(401, status(none));
  }

  @Test
  void aTokenWhosePayloadWasChangedIsRefused() {
    JsonObject p = payload(token).put("sub", Auth.ADMIN);
    String[] parts = token.split("\\.");
    assertEquals(401, status(parts[0] + "." + b64(p.encode()) + "." + parts[2]));
    JsonObject longer = payload(token).put("exp", Instant.now().plusSeconds(86_400).getEpochSecond());
    assertEquals(401, status(parts[0] + "." + b64(longer.encode()) + "." + parts[2]));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    assertEquals(401, status(claims("tessera", "tessera-api", 600).jws().keyId(Tokens.KEY_ID).sign(g.generateKeyPair().getPrivate())));
  }

  @Test
  void aTokenSignedWithThePublicKeyAsAnHmacSecretIsRefused() {
    byte[] pub = pool.query("SELECT public_key FROM tessera_signing_key").execute().await().indefinitely()
        .iterator().next().getBuffer(0).getBytes();
    String hs = claims("tessera", "tessera-api", 600).jws().algorithm(SignatureAlgorithm.HS256)
        .sign(new SecretKeySpec(pub, "HmacSHA256"));
    assertEquals(401, status(hs));
  }

  @Test
  void expiredTokensAndTokensOfAnotherIssuerOrAudienceAreRefused() {
    assertEquals(401, status(claims("tessera", "tessera-api", -60).jws().keyId(Tokens.KEY_ID).sign(key)), "expired");
    assertEquals(401, status(claims("someone-else", "tessera-api", 600).jws().keyId(Tokens.KEY_ID).sign(key)), "issuer");
    assertEquals(401, status(claims("tessera", "another-api", 600).jws().keyId(Tokens.KEY_ID).sign(key)), "audience");
  }

  @Test
  void aTokenForAnotherUserOrWithoutASessionIsRefused() {
    assertEquals(401, status(Jwt.claims().issuer("tessera").audience("tessera-api").subject(Auth.ADMIN).claim("sid", sid)
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).jws().keyId(Tokens.KEY_ID).sign(key)),
        "a session of one user does not name another");
    assertEquals(401, status(Jwt.claims().issuer("tessera").audience("tessera-api").subject(user)
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).jws().keyId(Tokens.KEY_ID).sign(key)),
        "no session");
  }

  private JwtClaimsBuilder claims(String issuer, String audience, long secondsLeft) {
    Instant now = Instant.now();
    return Jwt.claims().issuer(issuer).audience(audience).subject(user).claim("sid", sid)
        .issuedAt(now.minusSeconds(secondsLeft < 0 ? 1200 : 0)).expiresAt(now.plusSeconds(secondsLeft));
  }

  private static int status(String token) {
    return call("Bearer " + token, "en", "{ notifications { id } }", Map.of()).statusCode();
  }

  private static JsonObject payload(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
