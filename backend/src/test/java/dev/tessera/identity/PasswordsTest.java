package dev.tessera.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argon2id hashes: salted, verified only by the right password, and nothing else passes for a hash. */
class PasswordsTest {
  @Test
  void aHashVerifiesItsPasswordOnly() {
    String h = Passwords.hash("correct horse");
    assertTrue(h.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), h);
    assertTrue(Passwords.verify("correct horse", h));
    assertFalse(Passwords.verify("correct horsE", h));
    assertFalse(Passwords.verify("", h));
    assertNotEquals(h, Passwords.hash("correct horse"), "each hash has its own salt");
  }

  @Test
  void whatIsNotAnArgon2idHashVerifiesNothing() {
    for (String bad : new String[] {null, "", "correct horse", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA",
        "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA", "$argon2id$v=19$m=19456,t=2,p=1$!!$AAAA"}) {
      assertFalse(Passwords.verify("correct horse", bad), String.valueOf(bad));
    }
  }

  @Test
  void newPasswordsHaveALengthBetweenEightAnd256() {
    assertEquals("A password needs at least 8 characters", Passwords.problem("seven77").get("en"));
    assertEquals("密码至少需要 8 个字符", Passwords.problem(null).get("zh-CN"));
    assertNull(Passwords.problem("八个汉字的密码啊"));
    assertEquals("A password may have at most 256 characters", Passwords.problem("x".repeat(257)).get("en"));
  }
}
