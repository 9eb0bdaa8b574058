package dev.tessera.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recreates the test database on the machine's real PostgreSQL before Quarkus starts, so every test
 * run begins from an empty schema. Tests inside a run use their own entity names.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
  public static final String NAME = System.getenv().getOrDefault("TESSERA_TEST_DB", "tessera_test");

  @Override
  public Map<String, String> start() {
    recreate(NAME);
    return urls(5432, NAME);
  }

  /** Drops (closing its connections) and creates a database on the machine's PostgreSQL. */
  public static void recreate(String name) {
    Vertx vertx = Vertx.vertx();
    PgConnectOptions opts = new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
        .setUser(System.getenv().getOrDefault("TESSERA_TEST_DB_USER", "postgres")).setDatabase("postgres");
    SqlClient client = PgBuilder.client().connectingTo(opts).using(vertx).build();
    try {
      client.query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").execute()
          .compose(r -> client.query("CREATE DATABASE " + name).execute())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot recreate the test database " + name
          + " on 127.0.0.1:5432 (is PostgreSQL running?)", e);
    } finally {
      client.close();
      vertx.close();
    }
  }

  /** The reactive and the JDBC (Flyway's) URL of a database on this machine: both pools use one database. */
  public static Map<String, String> urls(int port, String database) {
    String url = "postgresql://127.0.0.1:" + port + "/" + database;
    return Map.of("quarkus.datasource.reactive.url", url, "quarkus.datasource.jdbc.url", "jdbc:" + url);
  }

  @Override
  public void stop() {}
}
