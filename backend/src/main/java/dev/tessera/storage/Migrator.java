package dev.tessera.storage;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies the platform's own schema migrations (db/migration/V&lt;n&gt;__name.sql, listed in
 * db/migration/migrations.list) once each, in order, under an advisory lock so that several app
 * nodes starting together migrate once. Each migration runs in its own transaction.
 */
@ApplicationScoped
public class Migrator {
  private static final Logger LOG = Logger.getLogger(Migrator.class);
  private static final long LOCK_KEY = 0x7e55e7a1L;
  private final Pool pool;

  public Migrator(Pool pool) {
    this.pool = pool;
  }

  void onStart(@Observes @Priority(10) StartupEvent ev) {
    migrate();
  }

  /** Runs pending migrations; blocking, used at start-up only. */
  public void migrate() {
    pool.withConnection(conn -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
            .chain(() -> conn.query("""
                CREATE TABLE IF NOT EXISTS tessera_schema_migration(
                  version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """).execute())
            .chain(() -> conn.query("SELECT coalesce(max(version), 0) AS v FROM tessera_schema_migration").execute())
            .chain(rows -> applyFrom(conn, rows.iterator().next().getInteger("v")))
            .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()))
        .await().atMost(Duration.ofMinutes(5));
  }

  private io.smallrye.mutiny.Uni<Void> applyFrom(io.vertx.mutiny.sqlclient.SqlConnection conn, int current) {
    io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
    for (String file : list()) {
      int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
      if (version <= current) {
        continue;
      }
      String sql = read("db/migration/" + file);
      chain = chain.chain(() -> conn.begin().chain(tx -> conn.query(sql).execute()
          .chain(() -> conn.preparedQuery("INSERT INTO tessera_schema_migration(version, name) VALUES ($1, $2)")
              .execute(Tuple.of(version, file)))
          .chain(tx::commit)
          .onFailure().call(tx::rollback)
          .invoke(() -> LOG.infof("applied migration %s", file))));
    }
    return chain;
  }

  private static List<String> list() {
    return read("db/migration/migrations.list").lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static String read(String resource) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
