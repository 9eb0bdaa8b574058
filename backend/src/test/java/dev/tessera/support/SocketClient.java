package dev.tessera.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A graphql-transport-ws client for tests that queues what it receives. {@link #pause} stops reading
 * from the socket (as a slow client would) until {@link #resume}.
 */
public final class SocketClient implements WebSocket.Listener {
  public final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile boolean paused;
  public WebSocket socket;

  /**
   * Opens a socket to the HTTP endpoint's WebSocket whose upgrade request signs in as {@code user}
   * (see {@link TestUsers}; null: nobody).
   */
  public static SocketClient open(URI http, String user) throws Exception {
    return withHeaders(http, user == null ? Map.of() : Map.of("Authorization", TestUsers.bearer(user)));
  }

  /** Opens a socket whose upgrade request carries these headers. */
  public static SocketClient withHeaders(URI http, Map<String, String> headers) throws Exception {
    SocketClient c = new SocketClient();
    URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
    headers.forEach(b::header);
    c.socket = b.buildAsync(ws, c).get(10, TimeUnit.SECONDS);
    return c;
  }

  /** Opens a socket signed in as the administrator. */
  public static SocketClient open(URI http) throws Exception {
    return open(http, Auth.ADMIN);
  }

  /** Opens, initialises and checks the acknowledgement. */
  public static SocketClient connected(URI http, String user) throws Exception {
    SocketClient c = open(http, user);
    c.send(Map.of("type", "connection_init"));
    JsonObject ack = c.next();
    if (!"connection_ack".equals(ack.getString("type"))) {
      throw new AssertionError("expected connection_ack, got " + ack.encode());
    }
    return c;
  }

  public void send(Map<String, Object> message) {
    socket.sendText(new JsonObject(message).encode(), true).join();
  }

  public void subscribe(String id, String query, Map<String, Object> variables) {
    send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query, "variables", variables)));
  }

  public JsonObject next() throws InterruptedException {
    JsonObject m = messages.poll(15, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 15 s");
    }
    return m;
  }

  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
    socket.request(1);
  }

  @Override
  public void onOpen(WebSocket ws) {
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(new JsonObject(partial.toString()));
      partial.setLength(0);
    }
    if (!paused) {
      ws.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
    closedWith.complete(status);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closedWith.completeExceptionally(error);
  }
}
