package dev.tessera.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged app on the embedded database (no TESSERA_DB_URL), each test with a data folder and an
 * HTTP port of its own, killed with SIGKILL while it takes writes: every write it acknowledged is
 * there after the restart, the restart succeeds within a bound each time, and the embedded server
 * never outlives the app.
 */
class EmbeddedDatabaseCrashIT {
  /** A start on an existing folder takes 5-10 s here; the failure this guards against took 60 s. */
  private static final Duration RESTART_BOUND = Duration.ofSeconds(30);
  private static final Duration FIRST_START_BOUND = Duration.ofSeconds(90);
  private final List<PackagedApp> apps = new ArrayList<>();
  private Path dataDir;
  private int port;

  @BeforeEach
  void folder() throws Exception {
    dataDir = Files.createTempDirectory("tessera-crash-it").toRealPath();
    port = PackagedApp.freePort();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (PackagedApp app : apps) {
      app.stop();
    }
    ServerProcesses.killAll(dataDir);
    ServerProcesses.delete(dataDir);
  }

  /** Three full crashes in a row, each during a stream of writes; the first stream is the longest. */
  @Test
  void everyAcknowledgedWriteSurvivesRepeatedKillsOfTheAppAndTheDatabase() throws Exception {
    start("crash-both-0", FIRST_START_BOUND);
    Set<String> acknowledged = new HashSet<>();
    for (int round = 1; round <= 3; round++) {
      // the first stream runs until at least 50 writes were acknowledged (a busy machine answers slower)
      Set<String> written = streamAndKillEverything(Duration.ofMillis(round == 1 ? 3000 : 500L * round), round == 1 ? 50 : 0);
      System.out.printf("round %d: %d writes acknowledged before the kill%n", round, written.size());
      acknowledged.addAll(written);
      if (round == 1) {
        assertTrue(acknowledged.size() >= 50, "a real stream of writes was acknowledged: " + acknowledged.size());
      }
      start("crash-both-" + round, RESTART_BOUND);
      assertAllStored(acknowledged);
    }
  }

  /**
   * One folder through what a killed app can leave: a second app on the folder in use gives up without
   * touching the first one's server; killing the app stops its server (the watchdog); killing the app
   * and its watchdog leaves an orphaned server, which the next start shuts down. Each restart serves
   * within the bound and keeps the data.
   */
  @Test
  void theServerDoesNotOutliveTheAppAndTheNextStartClearsWhatIsLeft() throws Exception {
    PackagedApp first = start("crash-app-1", FIRST_START_BOUND);
    String before = CustomerStream.create(first, "before-kill");
    long server = ServerProcesses.postmaster(dataDir);

    PackagedApp second = PackagedApp.launch("crash-app-second-on-same-folder", PackagedApp.freePort(), Map.of(
        "TESSERA_DATA_DIR", dataDir.toString()));
    apps.add(second);
    assertTrue(second.process().waitFor(60, TimeUnit.SECONDS), "a second app on the folder in use gives up");
    assertTrue(Files.readString(second.log().toPath()).contains("is in use by another running Tessera"));
    assertTrue(ProcessTable.runsIn(server, dataDir), "the first app's database was left alone");

    first.kill();
    assertTrue(ProcessTable.awaitGone(server, dataDir, 10_000), "the embedded server stopped with the app");

    PackagedApp restarted = start("crash-app-2", RESTART_BOUND);
    assertEquals(before, CustomerStream.read(restarted, before));
    String during = CustomerStream.create(restarted, "before-orphan");
    long orphan = ServerProcesses.postmaster(dataDir);
    ServerProcesses.killWatchdogOf(restarted);
    restarted.kill();
    Thread.sleep(1000);
    assertTrue(ProcessTable.runsIn(orphan, dataDir), "without its watchdog the server outlives the app");

    PackagedApp third = start("crash-app-3", RESTART_BOUND);
    assertFalse(ProcessTable.runsIn(orphan, dataDir), "the orphan was shut down");
    assertEquals(during, CustomerStream.read(third, during));
  }

  private PackagedApp start(String name, Duration bound) throws Exception {
    PackagedApp app = PackagedApp.start(name, port, Map.of("TESSERA_DATA_DIR", dataDir.toString()), bound);
    apps.add(app);
    return app;
  }

  /**
   * Writes from four clients for {@code duration}, then kills the watchdog, every process of the server
   * (the postmaster, the WAL writer, the backends: WAL still in shared memory is lost, as in a crash)
   * and the app, all with SIGKILL.
   */
  /** Streams writes for at least {@code duration} and until {@code atLeast} were acknowledged (60 s at most), then kills. */
  private Set<String> streamAndKillEverything(Duration duration, int atLeast) throws Exception {
    PackagedApp app = apps.get(apps.size() - 1);
    try (CustomerStream stream = CustomerStream.start(app, 4)) {
      Thread.sleep(duration.toMillis());
      long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (stream.acknowledgedSoFar() < atLeast && System.nanoTime() < giveUp) {
        Thread.sleep(100);
      }
      ServerProcesses.postmaster(dataDir);
      ServerProcesses.killWatchdogOf(app);
      ServerProcesses.killAll(dataDir);
      app.kill();
      return stream.acknowledged();
    }
  }

  private void assertAllStored(Set<String> acknowledged) throws Exception {
    Set<String> stored = ServerProcesses.customerIds(dataDir);
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(stored);
    assertEquals(Set.of(), lost, "acknowledged but lost: " + lost.size() + " of " + acknowledged.size());
  }
}
