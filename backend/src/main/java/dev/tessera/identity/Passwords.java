package dev.tessera.identity;

import dev.tessera.metamodel.model.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes: Argon2id (Bouncy Castle) with OWASP's parameters (19 MiB, 2 passes, 1 lane), kept
 * as the standard encoded string {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so parameters can
 * grow later without breaking stored hashes. Verification compares in constant time. Each hash takes
 * tens of milliseconds of CPU: callers run it off the event loop.
 */
final class Passwords {
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 256;
  private static final int MEMORY_KIB = 19_456;
  private static final int PASSES = 2;
  private static final int LANES = 1;
  private static final int LENGTH = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  /** Verified against when the account does not exist, so an unknown user costs as much as a wrong password. */
  static final String DECOY = hash(Secrets.token("decoy"));

  private Passwords() {}

  static String hash(String password) {
    byte[] salt = Secrets.bytes(16);
    byte[] out = derive(password, salt, MEMORY_KIB, PASSES, LANES, LENGTH);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(out);
  }

  /** Whether {@code password} matches an encoded hash; false for anything that is not one. */
  static boolean verify(String password, String encoded) {
    String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    try {
      Map<String, Integer> p = new java.util.HashMap<>();
      for (String kv : parts[3].split(",")) {
        String[] x = kv.split("=");
        p.put(x[0], Integer.parseInt(x[1]));
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, p.get("m"), p.get("t"), p.get("p"), expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What is wrong with a new password, or null. */
  static LocalizedText problem(String password) {
    int n = password == null ? 0 : password.codePointCount(0, password.length());
    if (n < MIN_LENGTH) {
      return IdentityMessages.text("PASSWORD_TOO_SHORT", Map.of("min", MIN_LENGTH));
    }
    return n > MAX_LENGTH ? IdentityMessages.text("PASSWORD_TOO_LONG", Map.of("max", MAX_LENGTH)) : null;
  }

  private static byte[] derive(String password, byte[] salt, int memory, int passes, int lanes, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memory).withIterations(passes)
        .withParallelism(lanes).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    String bounded = password.length() > MAX_LENGTH * 2 ? password.substring(0, MAX_LENGTH * 2) : password;
    generator.generateBytes(bounded.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
