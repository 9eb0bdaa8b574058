package dev.tessera.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keycloak, a real OpenID Connect provider, in a process of its own for OIDC tests: the distribution
 * Maven unpacks under {@code target/keycloak} (backend pom, {@code pre-integration-test}), started with
 * {@code start-dev} on a free port, its data under its own directory there (wiped at each start), the
 * realms of {@code src/test/resources/oidc} imported. It needs Java 21 or later, which {@link #java()}
 * looks for beside the build's JDK. Its log goes to {@code target/keycloak.log}.
 */
public final class Keycloak {
  public static final String ADMIN = "kc-admin";
  public static final String ADMIN_PASSWORD = "kc-admin-password";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> REALMS = List.of("tessera-it-realm.json", "other-it-realm.json");
  private final Process process;
  private final int port;

  private Keycloak(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * A JDK of version 21 or later: KEYCLOAK_JAVA_HOME, JAVA_HOME, the running one, or the newest under
   * /usr/lib/jvm; empty when the machine has none.
   */
  public static Optional<Path> java() {
    Stream<Path> named = Stream.of(System.getenv("KEYCLOAK_JAVA_HOME"), System.getenv("JAVA_HOME"), System.getProperty("java.home"))
        .filter(s -> s != null && !s.isBlank()).map(Path::of);
    Stream<Path> installed = Stream.empty();
    File jvms = new File("/usr/lib/jvm");
    if (jvms.isDirectory()) {
      installed = Stream.of(jvms.listFiles()).map(File::toPath).sorted(Comparator.comparingInt(Keycloak::feature).reversed());
    }
    return Stream.concat(named, installed).filter(p -> feature(p) >= 21 && Files.isExecutable(p.resolve("bin/java"))).findFirst();
  }

  /** The feature release of the JDK at {@code home} (its {@code release} file), 0 when unknown. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String first = v.split("[.+-]")[0];
          return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
        }
      }
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
    return 0;
  }

  /** The unpacked distribution's directory. */
  private static Path home() throws IOException {
    Path root = Path.of("target/keycloak");
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(d)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no Keycloak under " + root.toAbsolutePath()
              + "; the backend build unpacks it in pre-integration-test (mvn verify)"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException("no " + root.toAbsolutePath() + "; the backend build unpacks Keycloak in"
          + " pre-integration-test (mvn verify)", e);
    }
  }

  /** Starts Keycloak with {@code javaHome} on {@code port}; returns at once ({@link #awaitReady} waits). */
  public static Keycloak launch(Path javaHome, int port) throws IOException {
    Path home = home();
    Path data = home.resolve("data");
    if (Files.exists(data)) {
      try (Stream<Path> all = Files.walk(data)) {
        all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Path imports = Files.createDirectories(data.resolve("import"));
    for (String realm : REALMS) {
      try (InputStream in = Keycloak.class.getResourceAsStream("/oidc/" + realm)) {
        Files.copy(in, imports.resolve(realm));
      }
    }
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=" + port,
        "--http-host=127.0.0.1", "--import-realm", "--http-management-port=" + PackagedApp.freePort())
        .redirectErrorStream(true).redirectOutput(new File("target/keycloak.log"));
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", javaHome.toString());
    env.put("JAVA", javaHome.resolve("bin/java").toString());
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    Process p = pb.start();
    // kc.sh execs the JVM, so this is Keycloak itself; gone with the test JVM even if it dies before stop()
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return new Keycloak(p, port);
  }

  /** Waits until both realms serve their metadata. */
  public void awaitReady(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited during start-up; see target/keycloak.log");
      }
      if (serves("tessera-it") && serves("other-it")) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Keycloak did not start within " + bound.toSeconds() + " s; see target/keycloak.log");
  }

  private boolean serves(String realm) throws InterruptedException {
    try {
      return get(issuer(realm) + "/.well-known/openid-configuration").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  public String issuer(String realm) {
    return "http://127.0.0.1:" + port + "/realms/" + realm;
  }

  /** The token endpoint's answer to a password grant (access_token, id_token when scope says openid). */
  public JsonObject passwordGrant(String realm, String client, String username, String password, String scope)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", client);
    form.put("username", username);
    form.put("password", password);
    if (scope != null) {
      form.put("scope", scope);
    }
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("token endpoint: HTTP " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** An access token of {@code username} (password {@code <username>-secret}) for {@code client}. */
  public String accessToken(String realm, String client, String username) throws IOException, InterruptedException {
    return passwordGrant(realm, client, username, username + "-secret", null).getString("access_token");
  }

  /** The key providers of a realm (Keycloak's components of type KeyProvider). */
  public JsonArray keyProviders(String realm) throws IOException, InterruptedException {
    return new JsonArray(admin("GET", "/admin/realms/" + realm + "/components?type=org.keycloak.keys.KeyProvider", null));
  }

  /** Adds a key provider ({@code rsa-generated}, {@code ecdsa-generated}, ...) to a realm, active, with this priority. */
  public void addKeyProvider(String realm, String name, String providerId, int priority, Map<String, String> config)
      throws IOException, InterruptedException {
    JsonObject c = new JsonObject().put("priority", new JsonArray().add(Integer.toString(priority)))
        .put("enabled", new JsonArray().add("true")).put("active", new JsonArray().add("true"));
    config.forEach((k, v) -> c.put(k, new JsonArray().add(v)));
    admin("POST", "/admin/realms/" + realm + "/components", new JsonObject().put("name", name).put("providerId", providerId)
        .put("providerType", "org.keycloak.keys.KeyProvider").put("parentId", realm).put("config", c));
  }

  public void removeComponent(String realm, String id) throws IOException, InterruptedException {
    admin("DELETE", "/admin/realms/" + realm + "/components/" + id, null);
  }

  private String admin(String method, String path, JsonObject body) throws IOException, InterruptedException {
    String token = passwordGrant("master", "admin-cli", ADMIN, ADMIN_PASSWORD, null).getString("access_token");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("Keycloak admin " + method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  /** Stops Keycloak (SIGTERM to the process and its children, kill -9 after 20 s). */
  public void stop() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle c : children) {
      try {
        c.onExit().get(20, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        c.destroyForcibly();
      }
    }
  }
}
