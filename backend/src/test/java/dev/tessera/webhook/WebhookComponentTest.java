package dev.tessera.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.Outbox;
import dev.tessera.outbox.OutboxEntry;
import dev.tessera.outbox.OutboxStore;
import dev.tessera.outbox.OutboxWorker;
import dev.tessera.outbox.SendFailure;
import dev.tessera.platform.TxRunner;
import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.Outboxes;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outgoing webhooks against a real HTTP server (Vert.x, on 127.0.0.1, in this JVM): signed so the
 * receiver can verify, retried after a 500 and not after a 400, every attempt recorded and listed for
 * administrators, redelivered on demand; synchronous calls answer the receiver's JSON, once per key.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class WebhookComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET_VALUE = "whsec-测试-0123456789abcdef";
  private static final String DELIVERIES = "query D($s: String) { webhookDeliveries(status: $s, limit: 100) { id idempotencyKey"
      + " url status synchronous attemptCount lastStatusCode attempts { attempt statusCode durationMs error responseExcerpt } } }";
  private static Vertx vertx;
  private static HttpServer server;
  private static int port;
  /** Requests received, by path. */
  private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

  record Received(Map<String, String> headers, byte[] body) {}

  @Inject
  Outbox outbox;
  @Inject
  OutboxWorker worker;
  @Inject
  OutboxStore store;
  @Inject
  TxRunner tx;
  @Inject
  WebhookCaller caller;

  @BeforeAll
  static void receiver() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String path = req.path();
      Map<String, String> headers = new java.util.HashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      headers.put(":method", req.method().name());
      RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body.getBytes()));
      int n = CALLS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      int status = path.startsWith("/flaky") ? (n == 1 ? 500 : 200) : path.startsWith("/bad") ? 400
          : path.startsWith("/down") ? 503 : 200;
      req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("ticket", "T-" + n).put("message", "已收到").encode());
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static String secret() {
    String name = Gql.unique("sign");
    Gql.ok("mutation S($n: String!, $v: String!) { setSecret(name: $n, value: $v) }", Map.of("n", name, "v", SECRET_VALUE));
    return name;
  }

  @Test
  void aFailedDeliveryIsRetriedSignedAndEveryAttemptIsListed() {
    String path = "/flaky/" + Gql.unique("p");
    String key = "test:" + Gql.unique("k");
    String secret = secret();
    String body = "{\"event\":\"orderPaid\",\"order\":{\"no\":\"TM-1\",\"buyer\":\"王晓明\"}}";
    tx.inTransaction(t -> outbox.enqueue(t, new OutboundMessage(key, Channel.WEBHOOK, url(path), null, body,
        Map.of("secret", secret, "headers", Map.of("X-Shop", "hz-01"))))).await().atMost(WAIT);
    awaitState(key, "sent");

    List<Received> got = RECEIVED.get(path);
    assertEquals(2, got.size(), "a 500, then the retry");
    for (Received r : got) {
      assertEquals(key, r.headers().get("x-tessera-idempotency-key"));
      assertEquals("hz-01", r.headers().get("x-shop"));
      assertEquals(body, new String(r.body(), StandardCharsets.UTF_8));
      assertEquals(WebhookVerifier.Result.VALID, new WebhookVerifier().verify(SECRET_VALUE, r.headers().get("x-tessera-timestamp"),
          r.headers().get("x-tessera-signature"), r.body()), "the receiver can verify the signature");
      assertEquals(WebhookVerifier.Result.BAD_SIGNATURE, new WebhookVerifier().verify("another secret of some length",
          r.headers().get("x-tessera-timestamp"), r.headers().get("x-tessera-signature"), r.body()));
    }
    assertEquals(got.get(0).headers().get("x-tessera-delivery"), got.get(1).headers().get("x-tessera-delivery"),
        "one delivery, two attempts");

    Map<String, Object> d = delivery(key);
    assertEquals("succeeded", d.get("status"));
    assertEquals(false, d.get("synchronous"));
    assertEquals(2, d.get("attemptCount"));
    List<Map<String, Object>> attempts = cast(d.get("attempts"));
    assertEquals(500, attempts.get(0).get("statusCode"));
    assertEquals("HTTP 500", attempts.get(0).get("error"));
    assertEquals(200, attempts.get(1).get("statusCode"));
    assertTrue(String.valueOf(attempts.get(1).get("responseExcerpt")).contains("已收到"));
  }

  @Test
  void aReceiverThatStaysDownFailsTheMessageAfterTheLastAttempt() {
    String path = "/down/" + Gql.unique("p");
    String key = "test:" + Gql.unique("k");
    tx.inTransaction(t -> outbox.enqueue(t, new OutboundMessage(key, Channel.WEBHOOK, url(path), null, "{}", Map.of())))
        .await().atMost(WAIT);
    awaitState(key, "failed");
    OutboxEntry e = tx.withConnection(t -> store.byKey(t, key)).await().atMost(WAIT);
    assertEquals(3, e.attempts(), "tessera.outbox.max-attempts in tests");
    assertEquals("HTTP 503", e.lastError());
    assertEquals(3, RECEIVED.get(path).size());
    Map<String, Object> d = delivery(key);
    assertEquals("failed", d.get("status"), "retrying until the outbox gave up");
    assertEquals(3, d.get("attemptCount"));
  }

  @Test
  void a400IsNotRetriedAndCanBeRedelivered() {
    String path = "/bad/" + Gql.unique("p");
    String key = "test:" + Gql.unique("k");
    String secret = secret();
    tx.inTransaction(t -> outbox.enqueue(t, new OutboundMessage(key, Channel.WEBHOOK, url(path), null, "{\"a\":1}",
        Map.of("secret", secret)))).await().atMost(WAIT);
    awaitState(key, "failed");
    assertEquals(1, RECEIVED.get(path).size(), "a 4xx is not retried");
    Map<String, Object> d = delivery(key);
    assertEquals("failed", d.get("status"));
    assertTrue(((List<?>) Gql.ok(DELIVERIES, Map.of("s", "failed")).getList("data.webhookDeliveries.idempotencyKey")).contains(key));

    assertTrue(Gql.ok("mutation R($id: ID!) { redeliverWebhook(id: $id) }", Map.of("id", d.get("id")))
        .getBoolean("data.redeliverWebhook"));
    awaitState(key, "failed");
    assertEquals(2, RECEIVED.get(path).size(), "redelivered once");
    assertEquals(2, delivery(key).get("attemptCount"));
  }

  @Test
  void aSynchronousCallAnswersTheReceiversJsonOncePerKey() {
    String path = "/ok/" + Gql.unique("p");
    String key = "flow:test:" + Gql.unique("k");
    WebhookRequest req = new WebhookRequest(key, url(path), Map.of(), secret(), Map.of("orderNo", "JD-301", "金额", 2599));
    WebhookResponse first = caller.call(req).await().atMost(WAIT);
    assertEquals(200, first.status());
    assertEquals("T-1", ((Map<?, ?>) first.bodyJson()).get("ticket"));
    assertEquals(new JsonObject().put("orderNo", "JD-301").put("金额", 2599),
        new JsonObject(new String(RECEIVED.get(path).get(0).body(), StandardCharsets.UTF_8)));
    WebhookResponse again = caller.call(req).await().atMost(WAIT);
    assertEquals(first, again, "the recorded answer");
    assertEquals(1, RECEIVED.get(path).size(), "not called twice");
    assertEquals(true, delivery(key).get("synchronous"));

    String getPath = "/ok/" + Gql.unique("g");
    WebhookResponse got = caller.call(new WebhookRequest(key + "-get", "get", url(getPath), Map.of(), req.secret(), null))
        .await().atMost(WAIT);
    assertEquals(200, got.status());
    Received get = RECEIVED.get(getPath).get(0);
    assertEquals("GET", get.headers().get(":method"));
    assertEquals(0, get.body().length);
    assertEquals(WebhookVerifier.Result.VALID, new WebhookVerifier().verify(SECRET_VALUE, get.headers().get("x-tessera-timestamp"),
        get.headers().get("x-tessera-signature"), get.body()), "signed over the empty body");

    WebhookResponse refused = caller.call(new WebhookRequest(key + "-bad", url("/bad/" + Gql.unique("s")), Map.of(), null,
        Map.of())).await().atMost(WAIT);
    assertEquals(400, refused.status(), "a 4xx answer is the flow's to look at");
    SendFailure down = assertThrows(SendFailure.class, () -> caller.call(new WebhookRequest(key + "-down",
        url("/down/" + Gql.unique("s")), Map.of(), null, Map.of())).await().atMost(WAIT));
    assertTrue(down.retryable(), "a 503 is for the flow's retry policy");
  }

  @Test
  void onlyAdministratorsSeeDeliveriesAndSecretsAreWriteOnly() {
    String name = secret();
    JsonPath listed = Gql.ok("{ secrets { name updatedAt updatedBy } }");
    assertTrue(listed.getList("data.secrets.name").contains(name));
    assertFalse(listed.prettify().contains(SECRET_VALUE), "never a value");
    String staff = Auth.token(Auth.user("staff", "a good password"), "a good password");
    assertEquals("FORBIDDEN", Auth.as(staff, "{ secrets { name } }").getString("errors[0].extensions.code"));
    assertEquals("FORBIDDEN", Auth.as(staff, DELIVERIES, Map.of()).getString("errors[0].extensions.code"));
    assertEquals("FORBIDDEN", Auth.as(staff, "mutation { setSecret(name: \"x\", value: \"0123456789abcdefg\") }")
        .getString("errors[0].extensions.code"));
    JsonPath short_ = Gql.post("mutation { setSecret(name: \"shortOne\", value: \"abc\") }");
    assertEquals("value", short_.getString("errors[0].extensions.field"));
    assertTrue(Gql.ok("mutation D($n: String!) { deleteSecret(name: $n) }", Map.of("n", name)).getBoolean("data.deleteSecret"));
    assertFalse(Gql.ok("mutation D($n: String!) { deleteSecret(name: $n) }", Map.of("n", name)).getBoolean("data.deleteSecret"));
  }

  private static Map<String, Object> delivery(String key) {
    List<Map<String, Object>> all = Gql.ok(DELIVERIES, Map.of()).getList("data.webhookDeliveries");
    return all.stream().filter(d -> key.equals(d.get("idempotencyKey"))).findFirst()
        .orElseThrow(() -> new AssertionError("no delivery of " + key));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  private void awaitState(String key, String state) {
    Outboxes.awaitState(tx, store, worker, key, state);
  }
}
