package dev.tessera.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.graphql.GraphQlProvider;
import dev.tessera.graphql.RequestContext;
import graphql.ExecutionResult;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One graphql-transport-ws connection: connection_init within {@link #INIT_TIMEOUT_MS} (answered with
 * connection_ack), ping/pong, subscribe (a subscription streams {@code next} messages until it ends or
 * the client sends complete; a query or mutation answers one {@code next}), at most
 * {@link #MAX_SUBSCRIPTIONS} at once. Protocol violations close the socket with the protocol's codes.
 */
final class GraphQlSocketSession {
  static final long INIT_TIMEOUT_MS = 10_000;
  static final int MAX_SUBSCRIPTIONS = 50;
  static final int MAX_MESSAGE = 1_000_000;
  /** Bytes a socket may have waiting to be written before its subscriptions stop pulling events. */
  static final int WRITE_QUEUE = 256 * 1024;
  private static final ObjectMapper MAPPER = dev.tessera.metamodel.json.MetamodelJson.mapper();

  private final ServerWebSocket ws;
  private final GraphQlProvider provider;
  private final SocketAccess access;
  private volatile io.vertx.core.Vertx vertx;
  private volatile long recheckTimer = -1;
  private volatile RequestContext context;
  private final Locale locale;
  private final Consumer<GraphQlSocketSession> closed;
  private final Map<String, Flow.Subscription> running = new ConcurrentHashMap<>();
  private final java.util.Set<Flow.Subscription> paused = ConcurrentHashMap.newKeySet();
  private volatile boolean acknowledged;
  private volatile boolean initialising;
  private volatile boolean done;

  GraphQlSocketSession(ServerWebSocket ws, GraphQlProvider provider, SocketAccess access, Locale locale,
      Consumer<GraphQlSocketSession> closed) {
    this.ws = ws;
    this.provider = provider;
    this.access = access;
    this.locale = locale;
    this.closed = closed;
  }

  void start() {
    ws.setWriteQueueMaxSize(WRITE_QUEUE);
    ws.textMessageHandler(this::onMessage);
    ws.binaryMessageHandler(b -> close(4400, "Binary messages are not part of graphql-transport-ws"));
    ws.closeHandler(v -> ended());
    ws.drainHandler(v -> {
      List<Flow.Subscription> resume = List.copyOf(paused);
      paused.clear();
      resume.forEach(p -> p.request(1));
    });
    ws.exceptionHandler(e -> ended());
    if (io.vertx.core.Vertx.currentContext() != null) {
      vertx = io.vertx.core.Vertx.currentContext().owner();
      vertx.setTimer(INIT_TIMEOUT_MS, id -> {
        if (!acknowledged) {
          close(4408, "Connection initialisation timeout");
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private void onMessage(String text) {
    Map<String, Object> m;
    try {
      m = text.length() > MAX_MESSAGE ? null : MAPPER.readValue(text, Map.class);
    } catch (JsonProcessingException e) {
      m = null;
    }
    if (m == null || !(m.get("type") instanceof String type)) {
      close(4400, "Invalid message: a JSON object with a \"type\" is expected");
      return;
    }
    switch (type) {
      case "connection_init" -> {
        if (acknowledged || initialising) {
          close(4429, "Too many initialisation requests");
          return;
        }
        initialising = true;
        access.init().apply(m.get("payload")).whenComplete((rc, err) -> {
          if (err != null) {
            close(4403, "Forbidden: " + messageOf(err));
            return;
          }
          context = rc;
          acknowledged = true;
          send(Map.of("type", "connection_ack"));
          watch(rc);
        });
      }
      case "ping" -> send(Map.of("type", "pong"));
      case "pong" -> { }
      case "subscribe" -> subscribe(m);
      case "complete" -> {
        Flow.Subscription s = m.get("id") instanceof String id ? running.remove(id) : null;
        if (s != null) {
          s.cancel();
        }
      }
      default -> close(4400, "Unknown message type \"" + type + "\"");
    }
  }

  @SuppressWarnings("unchecked")
  private void subscribe(Map<String, Object> m) {
    if (!acknowledged) {
      close(4401, "Unauthorized: send connection_init first");
      return;
    }
    if (!(m.get("id") instanceof String id) || id.isBlank() || !(m.get("payload") instanceof Map<?, ?> payload)
        || !(payload.get("query") instanceof String query)) {
      close(4400, "Invalid subscribe message: id and payload.query are required");
      return;
    }
    if (running.containsKey(id)) {
      close(4409, "Subscriber for " + id + " already exists");
      return;
    }
    if (running.size() >= MAX_SUBSCRIPTIONS) {
      send(Map.of("type", "error", "id", id, "payload", List.of(Map.of("message", "At most " + MAX_SUBSCRIPTIONS
          + " operations may run on one connection", "extensions", Map.of("code", "BAD_REQUEST")))));
      return;
    }
    Object vars = payload.get("variables");
    GraphQlProvider.Request req = new GraphQlProvider.Request(query, vars instanceof Map<?, ?> v ? (Map<String, Object>) v : null,
        payload.get("operationName") instanceof String n ? n : null, false, context, locale);
    running.put(id, Placeholder.INSTANCE);
    provider.executeOverSocket(req).thenApply(GraphQlProvider.Response::body).whenComplete((result, err) -> {
      if (err != null || result == null) {
        running.remove(id);
        send(Map.of("type", "error", "id", id, "payload", List.of(Map.of("message", "Internal error",
            "extensions", Map.of("code", "INTERNAL_ERROR")))));
        return;
      }
      Object data = result.get("data");
      Flow.Publisher<Object> events = data instanceof Flow.Publisher<?> f ? (Flow.Publisher<Object>) f
          : data instanceof org.reactivestreams.Publisher<?> p
              ? org.reactivestreams.FlowAdapters.toFlowPublisher((org.reactivestreams.Publisher<Object>) p) : null;
      if (events != null) {
        stream(events, id);
      } else if (result.containsKey("errors") && data == null) {
        running.remove(id);
        send(Map.of("type", "error", "id", id, "payload", result.get("errors")));
      } else {
        running.remove(id);
        send(Map.of("type", "next", "id", id, "payload", result));
        send(Map.of("type", "complete", "id", id));
      }
    });
  }

  /** Forwards a subscription's events, one at a time, until it ends or the client completes it. */
  private void stream(Flow.Publisher<Object> events, String id) {
    events.subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (done || running.replace(id, s) == null) {
          s.cancel();
          return;
        }
        s.request(1);
      }

      @Override
      public void onNext(Object item) {
        Map<String, Object> payload = item instanceof ExecutionResult r ? r.toSpecification() : Map.of("data", item);
        send(Map.of("type", "next", "id", id, "payload", payload));
        if (ws.writeQueueFull()) {
          // the client reads slowly: ask for more once the socket drains; meanwhile the subscription's own
          // bound (SubscriptionApi.BUFFER) decides when it has fallen too far behind
          paused.add(subscription);
        } else {
          subscription.request(1);
        }
      }

      @Override
      public void onError(Throwable t) {
        if (running.remove(id) != null) {
          Map<String, Object> error = new LinkedHashMap<>();
          error.put("message", t.getMessage() == null ? "The subscription failed" : t.getMessage());
          error.put("extensions", Map.of("code", code(t)));
          send(Map.of("type", "next", "id", id, "payload", Map.of("errors", List.of(error))));
          send(Map.of("type", "complete", "id", id));
        }
      }

      @Override
      public void onComplete() {
        if (running.remove(id) != null) {
          send(Map.of("type", "complete", "id", id));
        }
      }
    });
  }

  /** Closes the socket with 4403 once its signed-in caller may no longer act. */
  private void watch(RequestContext rc) {
    if (rc.principal() == null || vertx == null || done) {
      return;
    }
    recheckTimer = vertx.setPeriodic(Math.max(100, access.recheckMs()), id -> access.recheck().apply(rc)
        .whenComplete((valid, err) -> {
          if (err == null && Boolean.FALSE.equals(valid)) {
            close(4403, "Forbidden: the session ended");
          }
        }));
  }

  private String messageOf(Throwable err) {
    Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    return e instanceof dev.tessera.platform.PlatformException pe ? pe.message(context == null ? "en" : context.locale())
        : "not signed in";
  }

  private static String code(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof dev.tessera.platform.PlatformException p) {
        return p.code().name();
      }
      c = c.getCause();
    }
    return "INTERNAL_ERROR";
  }

  private void send(Map<String, Object> message) {
    if (done) {
      return;
    }
    try {
      ws.writeTextMessage(MAPPER.writeValueAsString(message));
    } catch (JsonProcessingException | IllegalStateException e) {
      ended();
    }
  }

  void close(int code, String reason) {
    if (!done) {
      ws.close((short) code, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }
    ended();
  }

  private void ended() {
    if (done) {
      return;
    }
    done = true;
    if (recheckTimer >= 0 && vertx != null) {
      vertx.cancelTimer(recheckTimer);
    }
    running.values().forEach(Flow.Subscription::cancel);
    running.clear();
    closed.accept(this);
  }

  /** Holds an operation's id between subscribe and its first event. */
  private enum Placeholder implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
