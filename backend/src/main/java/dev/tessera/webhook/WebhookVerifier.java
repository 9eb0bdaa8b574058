package dev.tessera.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks a signed webhook: the {@link WebhookSignature} of the body under the shared secret, compared in
 * constant time, and a timestamp within the replay window (default {@link #DEFAULT_WINDOW}) of now, so a
 * captured request cannot be replayed later. Used by Tessera's inbound webhooks; integrators receiving
 * Tessera's webhooks do the same (README, "Notifications and webhooks"). Pure and thread-safe.
 */
public final class WebhookVerifier {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** The outcome; {@code VALID} only when timestamp and signature both hold. */
  public enum Result { VALID, MISSING, STALE, BAD_SIGNATURE }

  private final Duration window;
  private final Clock clock;

  public WebhookVerifier() {
    this(DEFAULT_WINDOW, Clock.systemUTC());
  }

  public WebhookVerifier(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** Verifies the {@code X-Tessera-Timestamp} and {@code X-Tessera-Signature} header values of a body. */
  public Result verify(String secret, String timestampHeader, String signatureHeader, byte[] body) {
    if (timestampHeader == null || signatureHeader == null || secret == null) {
      return Result.MISSING;
    }
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Result.MISSING;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - ts) > window.toSeconds()) {
      return Result.STALE;
    }
    byte[] expected = WebhookSignature.sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Result.VALID : Result.BAD_SIGNATURE;
  }

  /** Whether a token equals the secret, in time independent of where they differ. */
  public static boolean tokenMatches(String secret, String token) {
    if (secret == null || token == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), sha256(token));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
