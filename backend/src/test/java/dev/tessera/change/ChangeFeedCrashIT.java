package dev.tessera.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the packaged app in its own process: a change committed just before the JVM is killed
 * (kill -9, with the dispatcher off so nothing was delivered) is delivered after the restart. The
 * audit trail, a subscriber of the feed, shows it.
 */
class ChangeFeedCrashIT {
  private static final String DB = "tessera_it_crash";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroy();
      if (!app.waitFor(20, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  @Test
  void aChangeCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
    recreateDatabase();
    int port = freePort();
    app = start(port, false, "first");
    String id = graphql(port, "mutation { createCustomer(input: {name: \"崩溃前\", phone: \"13800138000\"}) { id } }")
        .getJsonObject("data").getJsonObject("createCustomer").getString("id");
    JsonObject feed = graphql(port, "{ changeFeed { head unpositioned subscribers { name position } } }")
        .getJsonObject("data").getJsonObject("changeFeed");
    assertTrue(Long.parseLong(feed.getString("unpositioned")) >= 1, "committed, not yet delivered: " + feed);
    assertEquals(0, history(port, id).size(), "nothing delivered before the kill");

    app.destroyForcibly();
    assertTrue(app.waitFor(20, TimeUnit.SECONDS), "the JVM was killed");

    app = start(port, true, "second");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonArray seen = history(port, id);
    while (seen.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      seen = history(port, id);
    }
    assertEquals(1, seen.size(), "delivered after the restart: " + seen);
    assertEquals("CREATE", seen.getJsonObject(0).getString("operation"));
    assertEquals("graphql", seen.getJsonObject(0).getString("source"));
  }

  private static JsonArray history(int port, String id) throws Exception {
    return graphql(port, "{ recordHistory(entity: \"customer\", id: \"" + id + "\") { operation source } }")
        .getJsonObject("data").getJsonArray("recordHistory");
  }

  private static Process start(int port, boolean dispatch, String name) throws Exception {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertTrue(Files.exists(jar), "package the app first: " + jar.toAbsolutePath());
    String java = ProcessHandle.current().info().command().orElse("java");
    File log = new File("target/crash-it-" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true)
        .redirectOutput(log);
    Map<String, String> env = pb.environment();
    env.put("TESSERA_DB_URL", "postgresql://127.0.0.1:5432/" + DB);
    env.put("PORT", Integer.toString(port));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("TESSERA_CHANGES_DISPATCH_ENABLED", Boolean.toString(dispatch));
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the app exited during start-up; see " + log.getAbsolutePath());
      }
      try {
        JsonObject v = graphql(port, "{ metadataVersion }");
        if (v.getJsonObject("data") != null && v.getJsonObject("data").getInteger("metadataVersion", 0) >= 1) {
          return p;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the app did not start within 90 s; see " + log.getAbsolutePath());
  }

  private static JsonObject graphql(int port, String query) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query).encode())).build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(res.body());
    if (body.getJsonArray("errors") != null) {
      throw new AssertionError("GraphQL errors: " + body.encodePrettily());
    }
    return body;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void recreateDatabase() throws Exception {
    Vertx vertx = Vertx.vertx();
    SqlClient client = PgBuilder.client().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
        .setUser("postgres").setDatabase("postgres")).using(vertx).build();
    try {
      client.query("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)").execute()
          .compose(r -> client.query("CREATE DATABASE " + DB).execute())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      client.close();
      vertx.close();
    }
  }
}
