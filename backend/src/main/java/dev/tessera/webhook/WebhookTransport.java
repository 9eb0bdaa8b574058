package dev.tessera.webhook;

import dev.tessera.outbox.SendFailure;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One attempt of a webhook delivery, shared by the outbox's {@link WebhookSender} and the synchronous
 * {@link WebhookCaller}: signs the body ({@link WebhookSignature}; empty for GET and DELETE) with the named
 * secret, sends it as JSON with the idempotency key and the delivery id, and records the attempt (status,
 * duration, error, the answer's first {@value #EXCERPT} characters) on the delivery whatever the outcome. A
 * delivery that succeeded is not sent again (a node that died before marking its outbox message sent).
 */
@ApplicationScoped
public class WebhookTransport {
  static final int EXCERPT = 1000;
  /** Longest answer a synchronous call keeps for its caller. */
  static final int MAX_KEPT = 65_536;
  private final WebClient client;
  private final WebhookDeliveryStore deliveries;
  private final SecretService secrets;
  private final TxRunner tx;
  private final Duration timeout;

  public WebhookTransport(Vertx vertx, WebhookDeliveryStore deliveries, SecretService secrets, TxRunner tx,
      @ConfigProperty(name = "tessera.webhooks.timeout", defaultValue = "10S") Duration timeout) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis())
        .setFollowRedirects(false).setUserAgent("Tessera-Webhooks/1"));
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.tx = tx;
    this.timeout = timeout;
  }

  /** What one attempt gave: the answer (null when none came), the body read, and the failure if any. */
  record Outcome(WebhookDelivery delivery, Integer status, String body, SendFailure failure) {}

  /** Opens (or reopens) the delivery of {@code key} and makes one attempt; never fails, the outcome says. */
  Uni<Outcome> attempt(String key, String method, String url, String body, String secretName, Map<String, String> headers, Long outboxId,
      boolean keepAnswer) {
    return tx.withConnection(t -> deliveries.open(t, key, url, outboxId)).chain(d -> {
      if ("succeeded".equals(d.status())) {
        return Uni.createFrom().item(new Outcome(d, d.lastStatusCode(), d.responseBody(), null));
      }
      return secrets.value(secretName).chain(secret -> {
        if (secretName != null && secret == null) {
          SendFailure f = new SendFailure("no secret named " + secretName, false);
          return record(d, null, 0, f, null, keepAnswer);
        }
        long started = System.nanoTime();
        return send(d, key, method, url, body, secret, headers).onItemOrFailure().transformToUni((r, e) -> {
          int ms = (int) ((System.nanoTime() - started) / 1_000_000);
          if (e != null) {
            return record(d, null, ms, new SendFailure(describe(e), true, e), null, keepAnswer);
          }
          String answer = r.body() == null ? "" : r.body().toString(StandardCharsets.UTF_8);
          return record(d, r.statusCode(), ms, failure(r.statusCode()), answer, keepAnswer);
        });
      });
    });
  }

  private Uni<HttpResponse<Buffer>> send(WebhookDelivery d, String key, String method, String url, String body, String secret,
      Map<String, String> headers) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long ts = System.currentTimeMillis() / 1000;
    HttpRequest<Buffer> req;
    try {
      req = client.requestAbs(HttpMethod.valueOf(method), url).timeout(timeout.toMillis());
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(new SendFailure("not a URL: " + url, false, e));
    }
    headers.forEach(req::putHeader);
    if (!body.isEmpty()) {
      req.putHeader("Content-Type", "application/json; charset=utf-8");
    }
    req.putHeader(WebhookSignature.TIMESTAMP, Long.toString(ts))
        .putHeader(WebhookSignature.IDEMPOTENCY_KEY, key)
        .putHeader(WebhookSignature.DELIVERY, d.id().toString());
    if (secret != null) {
      req.putHeader(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, ts, bytes));
    }
    return Uni.createFrom().completionStage(() -> (bytes.length == 0 ? req.send() : req.sendBuffer(Buffer.buffer(bytes)))
        .toCompletionStage());
  }

  /** Null for 2xx; retryable for 5xx, 408 and 429; any other answer fails for good. */
  static SendFailure failure(int status) {
    if (status >= 200 && status < 300) {
      return null;
    }
    boolean retry = status >= 500 || status == 408 || status == 429;
    return new SendFailure("HTTP " + status, retry);
  }

  private Uni<Outcome> record(WebhookDelivery d, Integer status, int ms, SendFailure f, String answer, boolean keep) {
    String excerpt = answer == null ? null : answer.length() > EXCERPT ? answer.substring(0, EXCERPT) : answer;
    WebhookDelivery.Attempt a = new WebhookDelivery.Attempt(d.attemptCount() + 1, status, ms,
        f == null ? null : f.getMessage(), excerpt, OffsetDateTime.now());
    String state = f == null ? "succeeded" : f.retryable() && d.outboxId() != null ? "retrying" : "failed";
    String kept = keep && f == null && answer != null && answer.length() <= MAX_KEPT ? answer : null;
    return tx.inTransaction(t -> deliveries.attempted(t, d.id(), a, state, kept))
        .replaceWith(new Outcome(d, status, answer, f));
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
