package dev.tessera.platform.embedded;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * The embedded default database: when no datasource URL is configured, start a real PostgreSQL
 * server ({@link EmbeddedServer}: durable, cleared after a crash, ending with the app), keep its data
 * under {@code tessera.embedded-db.data-dir}, and point the reactive datasource at it. Either way the
 * JDBC datasource (Flyway's) gets the JDBC form of the reactive URL unless one is configured, so one
 * setting names the database. Acts only while Quarkus builds its runtime configuration, never during
 * the Maven build. Registered in META-INF/services.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);

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
      int port = EmbeddedServer.start(blank(dir) ? null : dir.getValue());
      reactiveUrl = "postgresql://127.0.0.1:" + port + "/postgres";
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
}
