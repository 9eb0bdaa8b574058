package dev.tessera.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
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

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) in a process
 * of its own, for failsafe ITs that kill it. It listens on 127.0.0.1 only; its log goes to
 * {@code target/<name>.log}. The database comes from {@code env} alone: a TESSERA_DB_URL or
 * QUARKUS_DATASOURCE_* of the build's environment is not passed on.
 */
public final class PackagedApp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private final int port;
  private final File log;

  private PackagedApp(Process process, int port, File log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the app on {@code port} and waits until it serves a published schema, at most {@code bound}. */
  public static PackagedApp start(String name, int port, Map<String, String> env, Duration bound) throws Exception {
    PackagedApp app = launch(name, port, env);
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (!app.process.isAlive()) {
        throw new IllegalStateException("the app exited during start-up; see " + app.log.getAbsolutePath());
      }
      if (app.serves()) {
        return app;
      }
      Thread.sleep(200);
    }
    app.kill();
    throw new AssertionError("the app did not start within " + bound.toSeconds() + " s; see " + app.log.getAbsolutePath());
  }

  /** Starts the app and returns at once, without waiting for it to serve. */
  public static PackagedApp launch(String name, int port, Map<String, String> env) throws IOException {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertTrue(Files.exists(jar), "package the app first: " + jar.toAbsolutePath());
    String java = ProcessHandle.current().info().command().orElse("java");
    File log = new File("target/" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("TESSERA_") || k.startsWith("QUARKUS_"));
    e.put("PORT", Integer.toString(port));
    e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    e.putAll(env);
    return new PackagedApp(pb.start(), port, log);
  }

  private boolean serves() {
    try {
      JsonObject v = graphql("{ metadataVersion }");
      return v.getJsonObject("data") != null && v.getJsonObject("data").getInteger("metadataVersion", 0) >= 1;
    } catch (IOException | AssertionError notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public Process process() {
    return process;
  }

  public File log() {
    return log;
  }

  /** The raw answer to a POSTed query. */
  public HttpResponse<String> post(String query) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query).encode())).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** The response of a query that must not fail. */
  public JsonObject graphql(String query) throws IOException, InterruptedException {
    JsonObject body = new JsonObject(post(query).body());
    if (body.getJsonArray("errors") != null) {
      throw new AssertionError("GraphQL errors: " + body.encodePrettily());
    }
    return body;
  }

  /** kill -9, and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the JVM was killed");
  }

  /** A normal stop (SIGTERM, shutdown hooks run), kill -9 after 20 s. */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
