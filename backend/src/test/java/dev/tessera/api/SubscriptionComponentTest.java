package dev.tessera.api;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.SocketClient;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions over WebSocket with the graphql-transport-ws protocol, fed by the change feed: a
 * client receives an entity's changes as they commit, filtered; completing stops them; protocol
 * violations close the socket with the protocol's codes; a publish closes sockets with 1012 so clients
 * reconnect to the new schema; over HTTP a subscription is refused.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SubscriptionComponentTest {
  @TestHTTPResource("/graphql")
  URI http;

  @Test
  void changesStreamAsTheyCommitFilteredUntilTheClientCompletes() throws Exception {
    String e = Gql.unique("ticket");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    Gql.publish(entity(e, field("title", "text")));
    SocketClient c = SocketClient.open(http);
    assertEquals("graphql-transport-ws", c.socket.getSubprotocol());
    c.send(Map.of("type", "connection_init"));
    assertEquals("connection_ack", c.next().getString("type"));
    c.send(Map.of("type", "ping"));
    assertEquals("pong", c.next().getString("type"));
    c.send(Map.of("type", "subscribe", "id", "s1", "payload", Map.of("query",
        "subscription S($e: String!) { recordChanged(entity: $e, filter: {operations: [\"CREATE\"]}) { recordId operation source changes } }",
        "variables", Map.of("e", e))));
    Thread.sleep(500);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(Gql.ok("mutation { create" + E + "(input: {title: \"t" + i + "\"}) { id } }").getString("data.create" + E + ".id"));
    }
    Gql.ok("mutation { update" + E + "(id: \"" + created.get(0) + "\", version: 1, patch: {title: \"x\"}) { id } }");
    List<String> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject m = c.next();
      assertEquals("next", m.getString("type"), m.encode());
      assertEquals("s1", m.getString("id"));
      JsonObject change = m.getJsonObject("payload").getJsonObject("data").getJsonObject("recordChanged");
      assertEquals("CREATE", change.getString("operation"));
      assertEquals("graphql", change.getString("source"));
      assertEquals("t" + i, change.getJsonObject("changes").getJsonObject("title").getString("after"));
      received.add(change.getString("recordId"));
    }
    assertEquals(created, received, "in commit order; the update is filtered out");

    c.send(Map.of("type", "complete", "id", "s1"));
    Thread.sleep(300);
    Gql.ok("mutation { create" + E + "(input: {title: \"after\"}) { id } }");
    assertNull(c.messages.poll(2, TimeUnit.SECONDS), "nothing after the client completed");

    c.send(Map.of("type", "subscribe", "id", "q1", "payload", Map.of("query", "{ metadataVersion }")));
    JsonObject answer = c.next();
    assertEquals("next", answer.getString("type"));
    assertTrue(answer.getJsonObject("payload").getJsonObject("data").getInteger("metadataVersion") > 0);
    assertEquals("complete", c.next().getString("type"), "a query over the socket answers once");

    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(Gql.unique("other"), field("n", "text")))));
    assertEquals(1012, c.closedWith.get(10, TimeUnit.SECONDS), "a publish closes sockets so clients reconnect to the new schema");
  }

  @Test
  void aClientThatStopsReadingIsDroppedWithOverflowAndTheServerStaysBounded() throws Exception {
    String e = Gql.unique("memo");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    Gql.publish(entity(e, field("body", "longText")));
    SocketClient slow = SocketClient.connected(http, dev.tessera.support.Auth.ADMIN);
    slow.subscribe("s", "subscription S($e: String!) { recordChanged(entity: $e) { recordId changes } }", Map.of("e", e));
    Thread.sleep(500);
    slow.pause();
    String big = "长".repeat(6000);
    int total = 0;
    for (int batch = 0; batch < 6; batch++) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        rows.add(Map.of("body", big + batch + "-" + i));
      }
      JsonPath r = Gql.ok("mutation I($in: [" + E + "Input!]!) { import" + E + "s(inputs: $in) { created } }", Map.of("in", rows));
      total += r.getInt("data.import" + E + "s.created");
    }
    assertEquals(1500, total);
    // meanwhile a reading client on the same server is served
    SocketClient other = SocketClient.connected(http, dev.tessera.support.Auth.ADMIN);
    other.send(Map.of("type", "subscribe", "id", "q", "payload", Map.of("query", "{ metadataVersion }")));
    assertEquals("next", other.next().getString("type"));
    slow.resume();
    int delivered = 0;
    JsonObject last;
    while (true) {
      last = slow.next();
      JsonObject payload = last.getJsonObject("payload");
      if (!"next".equals(last.getString("type")) || payload.containsKey("errors")) {
        break;
      }
      delivered++;
      slow.resume();
    }
    assertEquals("SUBSCRIPTION_OVERFLOW", last.getJsonObject("payload").getJsonArray("errors").getJsonObject(0)
        .getJsonObject("extensions").getString("code"), last.encode());
    assertTrue(delivered < total, "the client that stopped reading is dropped before it gets everything: " + delivered);
    slow.resume();
    assertEquals("complete", slow.next().getString("type"));
  }

  @Test
  void protocolViolationsCloseWithTheProtocolsCodes() throws Exception {
    SocketClient early = SocketClient.open(http);
    early.send(Map.of("type", "subscribe", "id", "a", "payload", Map.of("query", "{ metadataVersion }")));
    assertEquals(4401, early.closedWith.get(10, TimeUnit.SECONDS), "subscribe before connection_init");

    SocketClient twice = SocketClient.open(http);
    twice.send(Map.of("type", "connection_init"));
    assertEquals("connection_ack", twice.next().getString("type"));
    twice.send(Map.of("type", "connection_init"));
    assertEquals(4429, twice.closedWith.get(10, TimeUnit.SECONDS));

    SocketClient junk = SocketClient.open(http);
    junk.socket.sendText("not json", true).join();
    assertEquals(4400, junk.closedWith.get(10, TimeUnit.SECONDS));

    SocketClient dup = SocketClient.open(http);
    dup.send(Map.of("type", "connection_init"));
    dup.next();
    String sub = "subscription { recordChanged(entity: \"user\") { recordId } }";
    dup.send(Map.of("type", "subscribe", "id", "x", "payload", Map.of("query", sub)));
    dup.send(Map.of("type", "subscribe", "id", "x", "payload", Map.of("query", sub)));
    assertEquals(4409, dup.closedWith.get(10, TimeUnit.SECONDS));

    SocketClient bad = SocketClient.open(http);
    bad.send(Map.of("type", "connection_init"));
    bad.next();
    bad.send(Map.of("type", "subscribe", "id", "v", "payload", Map.of("query", "subscription { recordChanged { nope } }")));
    JsonObject err = bad.next();
    assertEquals("error", err.getString("type"), err.encode());
    assertEquals("v", err.getString("id"));
  }

  @Test
  void aPageFromAnotherSiteMayNotOpenASocket() throws Exception {
    URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
    java.util.concurrent.CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
            .header("Origin", "https://evil.example").subprotocols("graphql-transport-ws").buildAsync(ws, new SocketClient()).join());
    assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    WebSocket same = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://" + http.getAuthority())
        .subprotocols("graphql-transport-ws").buildAsync(ws, new SocketClient()).get(10, TimeUnit.SECONDS);
    assertEquals("graphql-transport-ws", same.getSubprotocol(), "a page of this server's own origin may");
  }

  @Test
  void aSubscriptionOverHttpIsRefused() {
    JsonPath r = Gql.post("subscription { recordChanged(entity: \"user\") { recordId } }");
    assertTrue(r.getString("errors[0].message").contains("WebSocket"), r.prettify());
  }
}
