package dev.tessera.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.PackagedApp;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the crash tests look at from outside the app: the embedded server's processes and its rows. */
final class ServerProcesses {
  private ServerProcesses() {}

  /** The PID of the server running in {@code dataDir}. */
  static long postmaster(Path dataDir) {
    long pid = ProcessTable.postmasterPid(dataDir).orElseThrow(() -> new AssertionError("no postmaster.pid in " + dataDir));
    assertTrue(ProcessTable.runsIn(pid, dataDir), "the server " + pid + " runs in " + dataDir);
    return pid;
  }

  /** kill -9 of the app's watchdog, so nothing stops the server when the app dies. */
  static void killWatchdogOf(PackagedApp app) {
    List<ProcessHandle> watchdogs = app.process().children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(ServerWatchdog.NAME)).orElse(false)).toList();
    assertTrue(!watchdogs.isEmpty(), "the app runs a watchdog");
    watchdogs.forEach(ProcessHandle::destroyForcibly);
  }

  /** The ids of the stored customers, read from the server now running in {@code dataDir}. */
  static Set<String> customerIds(Path dataDir) throws Exception {
    int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
    Vertx vertx = Vertx.vertx();
    SqlClient client = PgBuilder.client().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port)
        .setUser("postgres").setPassword("postgres").setDatabase("postgres")).using(vertx).build();
    try {
      Set<String> ids = new HashSet<>();
      for (Row r : client.query("SELECT id::text FROM rec_customer").execute()
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)) {
        ids.add(r.getString(0));
      }
      return ids;
    } finally {
      client.close();
      vertx.close();
    }
  }

  /** kill -9 of every process running in {@code dataDir}, all at once (a crash, or a test that failed half-way). */
  static void killAll(Path dataDir) throws IOException, InterruptedException {
    List<String> kill = new java.util.ArrayList<>(List.of("kill", "-9"));
    ProcessTable.workingIn(dataDir).forEach(pid -> kill.add(Long.toString(pid)));
    if (kill.size() > 2) {
      new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
          .waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(ProcessTable.awaitNoneIn(dataDir, 10_000), "nothing runs in " + dataDir);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
