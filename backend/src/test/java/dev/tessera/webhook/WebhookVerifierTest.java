package dev.tessera.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The signature integrators check: a known vector, the replay window both ways, tampering, missing headers. */
class WebhookVerifierTest {
  private static final String SECRET = "whsec_test_0123456789";
  private static final long NOW = 1_764_740_000L;
  private static final WebhookVerifier VERIFIER = new WebhookVerifier(WebhookVerifier.DEFAULT_WINDOW,
      Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  private static final byte[] BODY = "{\"订单\":\"TM-1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aKnownVector() {
    // computed independently: printf '%s' '1764740000.{"订单":"TM-1"}' | openssl dgst -sha256 -hmac whsec_test_0123456789
    assertEquals("v1=02385bd42dfeeae06424bf92c7e8c1db0dbe920af192d0add5ed786ec5c5f393", WebhookSignature.sign(SECRET, NOW, BODY));
  }

  @Test
  void aFreshSignedBodyIsValid() {
    String sig = WebhookSignature.sign(SECRET, NOW - 60, BODY);
    assertEquals(WebhookVerifier.Result.VALID, VERIFIER.verify(SECRET, Long.toString(NOW - 60), sig, BODY));
  }

  @Test
  void outsideTheWindowIsStaleEitherWay() {
    long old = NOW - Duration.ofMinutes(5).toSeconds() - 1;
    assertEquals(WebhookVerifier.Result.STALE, VERIFIER.verify(SECRET, Long.toString(old), WebhookSignature.sign(SECRET, old, BODY), BODY));
    long future = NOW + Duration.ofMinutes(5).toSeconds() + 1;
    assertEquals(WebhookVerifier.Result.STALE,
        VERIFIER.verify(SECRET, Long.toString(future), WebhookSignature.sign(SECRET, future, BODY), BODY));
  }

  @Test
  void aChangedBodyTimestampOrSecretDoesNotVerify() {
    String sig = WebhookSignature.sign(SECRET, NOW, BODY);
    byte[] other = "{\"订单\":\"TM-2\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(WebhookVerifier.Result.BAD_SIGNATURE, VERIFIER.verify(SECRET, Long.toString(NOW), sig, other));
    assertEquals(WebhookVerifier.Result.BAD_SIGNATURE, VERIFIER.verify(SECRET, Long.toString(NOW - 1), sig, BODY));
    assertEquals(WebhookVerifier.Result.BAD_SIGNATURE, VERIFIER.verify(SECRET + "x", Long.toString(NOW), sig, BODY));
  }

  @Test
  void missingOrMalformedHeadersAreMissing() {
    assertEquals(WebhookVerifier.Result.MISSING, VERIFIER.verify(SECRET, null, "v1=00", BODY));
    assertEquals(WebhookVerifier.Result.MISSING, VERIFIER.verify(SECRET, "yesterday", "v1=00", BODY));
    assertEquals(WebhookVerifier.Result.MISSING, VERIFIER.verify(SECRET, Long.toString(NOW), null, BODY));
  }

  @Test
  void tokensCompareWhole() {
    assertTrue(WebhookVerifier.tokenMatches(SECRET, SECRET));
    assertFalse(WebhookVerifier.tokenMatches(SECRET, SECRET.substring(1)));
    assertFalse(WebhookVerifier.tokenMatches(SECRET, null));
  }
}
