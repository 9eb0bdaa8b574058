package dev.tessera.identity;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.call;
import static dev.tessera.support.Auth.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Passwords, their hashes, refresh tokens, access tokens and API key secrets appear in no API answer
 * beyond the one that hands them out, and in no log line, through a run of every identity operation
 * including failures; the stored password hash is Argon2id.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SecretsComponentTest {
  @Inject
  Pool pool;

  @Test
  void noSecretOrHashReachesAnAnswerOrTheLog() {
    List<String> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    List<String> answers = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    try {
      org.jboss.logging.Logger.getLogger(SecretsComponentTest.class).info("canary line");
      assertTrue(logged.stream().anyMatch(l -> l.contains("canary line")), "the capture sees the application's log");
      String password = "s3cret-" + Gql.unique("pw");
      String next = "n3xt-" + Gql.unique("pw");
      String user = Auth.user("secret", password);
      secrets.addAll(List.of(password, next));
      answers.add(call(null, "en", Auth.SIGN_IN, Map.of("u", user, "p", password + "x")).asString());
      var session = ok(Auth.signIn(user, password));
      String access = session.getString("data.signIn.accessToken");
      String refresh = session.getString("data.signIn.refreshToken");
      secrets.add(refresh);
      var refreshed = ok(as(access, Auth.REFRESH, Map.of("t", refresh)));
      access = refreshed.getString("data.refreshSession.accessToken");
      answers.add(call(null, "en", Auth.REFRESH, Map.of("t", refresh)).asString());
      answers.add(as(access, "mutation C($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n)"
          + " { expiresIn } }", Map.of("c", password, "n", next)).prettify());
      String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
      String key = ok(as(admin, ApiKeyComponentTest.CREATE, Map.of("n", Gql.unique("k"), "r", "sales")))
          .getString("data.createApiKey.key");
      secrets.add(key);
      answers.add(as(key, "{ notifications { id } }").prettify());
      answers.add(as(admin, ApiKeyComponentTest.LIST).prettify());
      answers.add(as(admin, "{ users(filter: {username: {eq: \"" + user + "\"}}) { nodes { id username name status } } }").prettify());
      answers.add(as(admin, "{ __schema { types { name fields { name } } } }").prettify());
      answers.add(call("Bearer " + access + "x", "en", "{ notifications { id } }", Map.of()).asString());
      answers.add(call("Bearer " + key + "x", "en", "{ notifications { id } }", Map.of()).asString());

      String hash = pool.preparedQuery("SELECT password_hash FROM tessera_credential WHERE username = $1")
          .execute(Tuple.of(user)).await().indefinitely().iterator().next().getString(0);
      assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
      secrets.add(hash);
      secrets.add(hash.substring(hash.lastIndexOf('$') + 1));
      pool.query("SELECT key_hash FROM tessera_api_key UNION ALL SELECT token_hash FROM tessera_refresh_token")
          .execute().await().indefinitely().forEach(r -> {
            byte[] b = r.getBuffer(0).getBytes();
            secrets.add(HexFormat.of().formatHex(b));
            secrets.add(Base64.getEncoder().withoutPadding().encodeToString(b));
            secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
          });
      for (String secret : secrets) {
        for (String answer : answers) {
          assertFalse(answer.contains(secret), "an answer holds a secret or hash: " + answer);
        }
        for (String line : logged) {
          assertFalse(line.contains(secret), "a log line holds a secret or hash: " + line);
        }
      }
      assertEquals(List.of(), fieldsNamed(answers.get(answers.size() - 3)), "no type has a field for a hash or secret");
    } finally {
      root.removeHandler(capture);
    }
  }

  /** Output fields whose names say hash, password or secret, in an introspection answer (the two mutations aside). */
  private static List<String> fieldsNamed(String schema) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\": \"([A-Za-z]*(?i:hash|password|secret)[A-Za-z]*)\"")
        .matcher(schema);
    while (m.find()) {
      // operations that take a password or secret and answer without it: the signing secrets' are
      // write-only (setSecret, deleteSecret; secrets and SecretName list names only, see WebhookComponentTest)
      if (!List.of("changePassword", "setUserPassword", "setSecret", "deleteSecret", "secrets", "SecretName")
          .contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
