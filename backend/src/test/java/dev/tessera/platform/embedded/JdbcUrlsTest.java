package dev.tessera.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** One database setting serves both pools: the reactive URL's JDBC form. */
class JdbcUrlsTest {
  @Test
  void aPlainUrlGetsThePrefix() {
    assertEquals("jdbc:postgresql://127.0.0.1:5432/tessera", JdbcUrls.fromReactive("postgresql://127.0.0.1:5432/tessera"));
  }

  @Test
  void theShortSchemeAndAMissingPortAreUnderstood() {
    assertEquals("jdbc:postgresql://db.internal/crm", JdbcUrls.fromReactive("postgres://db.internal/crm"));
  }

  @Test
  void credentialsMoveIntoParametersAndParametersStay() {
    assertEquals("jdbc:postgresql://h:6432/crm?sslmode=require&user=app&password=p%40ss%3Aword",
        JdbcUrls.fromReactive("postgresql://app:p%40ss%3Aword@h:6432/crm?sslmode=require"));
  }

  @Test
  void aJdbcUrlIsKept() {
    assertEquals("jdbc:postgresql://h/crm", JdbcUrls.fromReactive(" jdbc:postgresql://h/crm "));
  }

  @Test
  void somethingElseIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcUrls.fromReactive("mysql://h/crm"));
    assertEquals("not a database URL (postgresql://host:port/database): mysql://h/crm", e.getMessage());
  }
}
