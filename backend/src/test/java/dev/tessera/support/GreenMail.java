package dev.tessera.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server in a process of its own: GreenMail's standalone jar (copied to target/greenmail by the
 * build), started with {@code java -jar} on free 127.0.0.1 ports before Quarkus starts and stopped after;
 * the mailer is pointed at it. Messages it received are read back over its HTTP API.
 */
public class GreenMail implements QuarkusTestResourceLifecycleManager {
  static final Path JAR = Path.of("target", "greenmail", "greenmail-standalone.jar");
  private static volatile int apiPort;
  private Process process;

  /** A message as the server received it. */
  public record Received(String subject, String to, String body) {}

  @Override
  public Map<String, String> start() {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build with mvn (process-test-resources copies it)");
    }
    int smtp = freePort();
    apiPort = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      process = new ProcessBuilder(java, "-Xmx128m", "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtp,
          "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort, "-Dgreenmail.auth.disabled",
          "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(Path.of("target", "greenmail", "greenmail.log").toFile())
          .start();
      awaitReady();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start GreenMail", e);
    }
    return Map.of("tessera.smtp.host", "127.0.0.1", "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
        Integer.toString(smtp), "quarkus.mailer.from", "crm@tessera.test", "quarkus.mailer.tls", "false");
  }

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The messages in the inbox of {@code address}, oldest first. */
  public static List<Received> inbox(String address) {
    String json = get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX");
    List<Received> out = new ArrayList<>();
    if (!json.trim().startsWith("[")) {
      return out;
    }
    for (Object o : new JsonArray(json)) {
      JsonObject m = (JsonObject) o;
      out.add(new Received(m.getString("subject"), address, body(m.getString("mimeMessage"))));
    }
    return out;
  }

  private static void awaitReady() {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      try {
        if (get("/api/service/readiness").contains("running")) {
          return;
        }
      } catch (IllegalStateException e) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("GreenMail did not start; see target/greenmail/greenmail.log");
  }

  private static String get(String path) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The text of a single-part message, its transfer encoding (base64, quoted-printable) undone, read as UTF-8. */
  static String body(String mime) {
    int split = mime.indexOf("\r\n\r\n");
    String headers = mime.substring(0, split).toLowerCase();
    String raw = mime.substring(split + 4);
    if (headers.contains("content-transfer-encoding: base64")) {
      return new String(Base64.getMimeDecoder().decode(raw), StandardCharsets.UTF_8);
    }
    if (headers.contains("content-transfer-encoding: quoted-printable")) {
      return quotedPrintable(raw);
    }
    return raw;
  }

  private static String quotedPrintable(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String text = s.replace("=\r\n", "");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' && i + 2 < text.length()) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write((byte) c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
