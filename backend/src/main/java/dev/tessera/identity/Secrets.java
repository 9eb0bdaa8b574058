package dev.tessera.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets (refresh tokens, API keys: 256 bits, URL-safe) and their SHA-256 digests, which is
 * all the database keeps of them. A slow hash is not needed for values this random: no guess list
 * reaches them, so the digest is a lookup key that reveals nothing.
 */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** {@code prefix} followed by 256 random bits in unpadded base64url. */
  static String token(String prefix) {
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
