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
  /** The administrator's password the app is started with (unless the test gives its own). */
  public static final String ADMIN_PASSWORD = "packaged-app-admin-password";
  private final Process process;
  private final int port;
  private final File log;
  private final String adminPassword;
  private volatile String token;

  private PackagedApp(Process process, int port, File log, String adminPassword) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.adminPassword = adminPassword;
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
    e.put("TESSERA_ADMIN_PASSWORD", ADMIN_PASSWORD);
    e.putAll(env);
    return new PackagedApp(pb.start(), port, log, e.get("TESSERA_ADMIN_PASSWORD"));
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

  /** The raw answer to a POSTed query, sent as the administrator (signed in on first use, again after a 401). */
  public HttpResponse<String> post(String query) throws IOException, InterruptedException {
    return post(query, new JsonObject());
  }

  /** As {@link #post(String)}, with variables. */
  public HttpResponse<String> post(String query, JsonObject variables) throws IOException, InterruptedException {
    if (token == null) {
      token = signIn();
    }
    HttpResponse<String> res = send(query, variables, token);
    if (res.statusCode() == 401) {
      token = signIn();
      res = send(query, variables, token);
    }
    return res;
  }

  /** A GET of a path of the app (e.g. /q/metrics), as the administrator. */
  public String get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> send(String query, String bearer) throws IOException, InterruptedException {
    return send(query, new JsonObject(), bearer);
  }

  private HttpResponse<String> send(String query, JsonObject variables, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query).put("variables", variables).encode()));
    if (bearer != null) {
      req.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The administrator's access token, or null while the app cannot sign in yet. */
  private String signIn() throws IOException, InterruptedException {
    // a JSON string is a GraphQL string literal too
    String mutation = "mutation { signIn(username: \"admin\", password: " + io.vertx.core.json.Json.encode(adminPassword)
        + ") { accessToken } }";
    HttpResponse<String> res = send(mutation, null);
    if (res.statusCode() != 200) {
      return null;
    }
    JsonObject data = new JsonObject(res.body()).getJsonObject("data");
    return data == null || data.getJsonObject("signIn") == null ? null : data.getJsonObject("signIn").getString("accessToken");
  }

  /** The response of a query that must not fail. */
  public JsonObject graphql(String query) throws IOException, InterruptedException {
    return graphql(query, new JsonObject());
  }

  /** As {@link #graphql(String)}, with variables. */
  public JsonObject graphql(String query, JsonObject variables) throws IOException, InterruptedException {
    JsonObject body = new JsonObject(post(query, variables).body());
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
