package dev.tessera.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * {@code notificationReceived}: a user's socket receives their own notifications as the writes that
 * cause them commit, in their language, and nobody else's; a caller who is nobody is refused.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class NotificationSubscriptionComponentTest {
  static final String SUB = "subscription { notificationReceived { id kind title body entity recordId read } }";

  @TestHTTPResource("/graphql")
  URI http;

  @Test
  void eachUserReceivesTheirOwnNotificationsAsTheyCommit() throws Exception {
    String e = DuplicateComponentTest.publish("warn", true);
    String wang = Gql.unique("wang");
    String li = Gql.unique("li");
    String zhao = Gql.unique("zhao");
    SocketClient toWang = SocketClient.connected(http, wang);
    SocketClient toZhao = SocketClient.connected(http, zhao);
    toWang.subscribe("n", SUB, Map.of());
    toZhao.subscribe("n", SUB, Map.of());
    Thread.sleep(700);
    String first = CollisionNoticesComponentTest.create(e, "name: \"赵六\", phone: \"13512340101\", ownerId: \"" + wang + "\"");
    assertNull(toWang.messages.poll(1, TimeUnit.SECONDS), "no collision yet, nothing to say");
    String second = CollisionNoticesComponentTest.create(e, "name: \"赵六\", phone: \"135 1234 0101\", ownerId: \"" + li + "\"");

    JsonObject m = toWang.next();
    assertEquals("next", m.getString("type"), m.encode());
    JsonObject n = m.getJsonObject("payload").getJsonObject("data").getJsonObject("notificationReceived");
    assertEquals("duplicate", n.getString("kind"));
    assertEquals(first, n.getString("recordId"), "the owner's own record");
    assertTrue(n.getString("body").contains(second), n.encode());
    assertTrue(n.getString("title").startsWith("撞单") || n.getString("title").contains("uplicate"), n.encode());
    String inboxId = Gql.post(wang, "en", "{ notifications { id } }", Map.of()).getString("data.notifications[0].id");
    assertEquals(inboxId, n.getString("id"), "the same notification the inbox holds");
    assertNull(toZhao.messages.poll(1, TimeUnit.SECONDS), "someone else's notification never reaches this socket");
  }

  @Test
  void aCallerWhoIsNobodyIsRefused() throws Exception {
    SocketClient anonymous = SocketClient.open(http, null);
    anonymous.send(Map.of("type", "connection_init"));
    assertEquals(4403, anonymous.closedWith.get(10, TimeUnit.SECONDS), "sign-in is required before anything else");
  }
}
