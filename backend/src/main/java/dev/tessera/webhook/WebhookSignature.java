package dev.tessera.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of Tessera's webhooks, outgoing and inbound alike: {@code v1=} and the lowercase hex
 * HMAC-SHA256, keyed with the shared secret (its UTF-8 bytes), of {@code <timestamp>.<body>}, where the
 * timestamp is the {@value #TIMESTAMP} header (seconds since 1970-01-01 UTC) and the body the exact bytes
 * sent.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP = "X-Tessera-Timestamp";
  public static final String SIGNATURE = "X-Tessera-Signature";
  public static final String IDEMPOTENCY_KEY = "X-Tessera-Idempotency-Key";
  public static final String DELIVERY = "X-Tessera-Delivery";
  public static final String VERSION = "v1=";

  private WebhookSignature() {}

  /** {@code v1=<hex>} for a body sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, byte[] body) {
    return VERSION + hex(hmac(secret, timestamp, body));
  }

  static byte[] hmac(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }
}
