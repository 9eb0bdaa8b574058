package dev.tessera.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.SocketClient;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The WebSocket takes the caller from connection_init's Authorization or the upgrade request's header. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SocketSignInComponentTest {
  @TestHTTPResource("/graphql")
  URI http;

  @Test
  void theInitPayloadsBearerNamesTheCaller() throws Exception {
    String user = Auth.user("ws", "a good password");
    SocketClient c = SocketClient.withHeaders(http, Map.of());
    c.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + Auth.token(user, "a good password"))));
    assertEquals("connection_ack", c.next().getString("type"));
    assertEquals(user, createdBy(c));
  }

  @Test
  void theUpgradeHeaderNamesTheCaller() throws Exception {
    String user = Auth.user("wh", "a good password");
    SocketClient c = SocketClient.withHeaders(http, Map.of("Authorization", "Bearer " + Auth.token(user, "a good password")));
    c.send(Map.of("type", "connection_init"));
    assertEquals("connection_ack", c.next().getString("type"));
    assertEquals(user, createdBy(c));
  }

  @Test
  void aBadCredentialClosesTheSocketWith4403() throws Exception {
    SocketClient c = SocketClient.withHeaders(http, Map.of());
    c.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer forged.token.here")));
    assertEquals(4403, c.closedWith.get(10, TimeUnit.SECONDS));
    SocketClient h = SocketClient.withHeaders(http, Map.of("Authorization", "Bearer tsk_nothing"));
    h.send(Map.of("type", "connection_init"));
    assertEquals(4403, h.closedWith.get(10, TimeUnit.SECONDS));
  }

  @Test
  void anOpenSocketClosesWith4403OnceItsSessionEnds() throws Exception {
    String user = Auth.user("wo", "a good password");
    String token = Auth.token(user, "a good password");
    SocketClient c = SocketClient.withHeaders(http, Map.of());
    c.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
    assertEquals("connection_ack", c.next().getString("type"));
    Auth.ok(Auth.as(token, "mutation { signOut }"));
    assertEquals(4403, c.closedWith.get(10, TimeUnit.SECONDS), "closed within the check interval (1 s in tests)");
  }

  private static String createdBy(SocketClient c) throws InterruptedException {
    c.subscribe("1", "mutation { createTeam(input: {code: \"" + Gql.unique("w") + "\", name: \"x\"}) { createdBy } }", Map.of());
    JsonObject next = c.next();
    assertEquals("next", next.getString("type"), next.encode());
    return next.getJsonObject("payload").getJsonObject("data").getJsonObject("createTeam").getString("createdBy");
  }
}
