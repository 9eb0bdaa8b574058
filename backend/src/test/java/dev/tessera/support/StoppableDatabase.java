package dev.tessera.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests' own that they may stop and start again: the zonky binaries the
 * embedded database uses, on a free port and a data folder kept across a stop. Tests of what happens
 * while the database is down use it, so the machine's PostgreSQL is never stopped. A test that stops
 * it starts it again before it ends ({@link #up()}), as the next test on this profile expects it up.
 */
public final class StoppableDatabase {
  private static Path folder;
  private static int port;
  private static EmbeddedPostgres cluster;

  private StoppableDatabase() {}

  /** The test profile: no shared test database, this cluster instead. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  /** Starts the cluster before Quarkus and points both pools at it. */
  public static class Resource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
        folder = Files.createTempDirectory("tessera-stoppable-db");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      up();
      Map<String, String> config = new HashMap<>(TestDatabase.urls(port, "postgres"));
      config.put("quarkus.datasource.username", "postgres");
      config.put("quarkus.datasource.password", "postgres");
      return config;
    }

    @Override
    public void stop() {
      down();
      try (Stream<Path> all = Files.walk(folder)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + folder, e);
      }
    }
  }

  /** Starts the cluster (again) on its port and folder; nothing happens when it runs. */
  public static synchronized void up() {
    if (cluster == null) {
      try {
        cluster = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).setPort(port)
            .setDataDirectory(folder).setCleanDataDirectory(false).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Stops the cluster (a fast shutdown, as an operator's); nothing happens when it is down. */
  public static synchronized void down() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cluster = null;
    }
  }
}
