package dev.tessera.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Platform migrations through Flyway, on scratch databases of their own: a fresh database, one the
 * former migrator kept (taken over, nothing re-run), an edited migration (refused), two nodes
 * starting together (each migration once).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SchemaMigrationsComponentTest {
  @Inject
  Flyway appFlyway;

  @AfterAll
  static void dropScratchDatabases() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc("postgres"), "postgres", "");
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + TestDatabase.NAME + "\\_mig\\_%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String db : names) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void theAppDatabaseIsMigratedAtStart() {
    assertEquals(0, appFlyway.info().pending().length);
    assertNotNull(appFlyway.info().current());
  }

  @Test
  void aFreshDatabaseGetsEveryMigrationWithItsChecksum() throws Exception {
    Flyway flyway = flyway(scratch("fresh"));
    MigrateResult result = SchemaMigrations.migrate(flyway);
    MigrationInfo[] applied = flyway.info().applied();
    assertEquals(available().size(), result.migrationsExecuted);
    assertEquals(available().size(), applied.length);
    for (MigrationInfo m : applied) {
      assertEquals(MigrationState.SUCCESS, m.getState(), m.getScript());
      assertNotNull(m.getChecksum(), m.getScript());
    }
    assertEquals(0, SchemaMigrations.migrate(flyway).migrationsExecuted, "a second start applies nothing");
  }

  @Test
  void aDatabaseOfTheFormerMigratorIsTakenOverWithoutRunningAnythingAgain() throws Exception {
    String db = scratch("legacy");
    List<MigrationInfo> all = available();
    int last = migrateTheFormerWay(db, all, Integer.MAX_VALUE);
    Flyway flyway = flyway(db);

    MigrateResult result = SchemaMigrations.migrate(flyway);

    assertEquals(0, result.migrationsExecuted);
    MigrationInfo[] applied = flyway.info().applied();
    assertEquals(1, applied.length);
    assertEquals(MigrationState.BASELINE, applied[0].getState());
    assertEquals(String.valueOf(last), applied[0].getVersion().getVersion());
    assertEquals(0, flyway.info().pending().length);
  }

  @Test
  void anOlderDatabaseOfTheFormerMigratorGetsOnlyWhatItLacks() throws Exception {
    String db = scratch("older");
    List<MigrationInfo> all = available();
    int upTo = Integer.parseInt(all.get(all.size() - 2).getVersion().getVersion());
    migrateTheFormerWay(db, all, upTo);

    MigrateResult result = SchemaMigrations.migrate(flyway(db));

    assertEquals(1, result.migrationsExecuted);
    assertEquals(all.get(all.size() - 1).getVersion().getVersion(), result.targetSchemaVersion);
  }

  @Test
  void anEditedMigrationIsRefused() throws Exception {
    String db = scratch("edited");
    SchemaMigrations.migrate(flyway(db));
    sql(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

    FlywayValidateException e = assertThrows(FlywayValidateException.class, () -> SchemaMigrations.migrate(flyway(db)));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void aDatabaseHoldingOtherTablesIsMigratedFromTheStart() throws Exception {
    String db = scratch("shared");
    sql(db, "CREATE TABLE someone_elses(id int)");
    assertEquals(available().size(), SchemaMigrations.migrate(flyway(db)).migrationsExecuted);
  }

  @Test
  void twoNodesStartingTogetherApplyEachMigrationOnce() throws Exception {
    String db = scratch("race");
    List<MigrateResult> results = together(db, db);
    assertEquals(available().size(), results.get(0).migrationsExecuted + results.get(1).migrationsExecuted);
    assertEquals(available().size(), count(db, "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE success"));
    assertEquals(available().size(), count(db, "SELECT count(*) FROM flyway_schema_history"));
  }

  @Test
  void twoNodesTakingOverTogetherBaselineOnce() throws Exception {
    String db = scratch("racelegacy");
    migrateTheFormerWay(db, available(), Integer.MAX_VALUE);
    List<MigrateResult> results = together(db, db);
    assertEquals(0, results.get(0).migrationsExecuted + results.get(1).migrationsExecuted);
    assertEquals(1, count(db, "SELECT count(*) FROM flyway_schema_history"));
  }

  /** Two nodes, each with its own connections, migrating at the same moment. */
  private List<MigrateResult> together(String... dbs) throws Exception {
    CyclicBarrier start = new CyclicBarrier(dbs.length);
    ExecutorService pool = Executors.newFixedThreadPool(dbs.length);
    try {
      List<Future<MigrateResult>> futures = new ArrayList<>();
      for (String db : dbs) {
        Flyway f = flyway(db);
        futures.add(pool.submit(() -> {
          start.await();
          return SchemaMigrations.migrate(f);
        }));
      }
      List<MigrateResult> results = new ArrayList<>();
      for (Future<MigrateResult> f : futures) {
        results.add(f.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the former migrator did: each script, then its row in tessera_schema_migration. */
  private static int migrateTheFormerWay(String db, List<MigrationInfo> all, int upTo) throws Exception {
    sql(db, "CREATE TABLE tessera_schema_migration(version integer PRIMARY KEY, name text NOT NULL,"
        + " applied_at timestamptz NOT NULL DEFAULT now())");
    int last = 0;
    for (MigrationInfo m : all) {
      int version = Integer.parseInt(m.getVersion().getVersion());
      if (version > upTo) {
        break;
      }
      sql(db, resource(m.getScript()));
      sql(db, "INSERT INTO tessera_schema_migration(version, name) VALUES (" + version + ", '" + m.getScript() + "')");
      last = version;
    }
    return last;
  }

  /** The migrations this build carries, in order. */
  private List<MigrationInfo> available() {
    return Arrays.asList(appFlyway.info().all());
  }

  private Flyway flyway(String db) {
    return Flyway.configure(appFlyway.getConfiguration().getClassLoader())
        .configuration(appFlyway.getConfiguration())
        .dataSource(jdbc(db), "postgres", "")
        .load();
  }

  private static String scratch(String suffix) throws SQLException {
    String db = TestDatabase.NAME + "_mig_" + suffix;
    try (Connection c = DriverManager.getConnection(jdbc("postgres"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + db);
    }
    return db;
  }

  private static String jdbc(String db) {
    return TestDatabase.urls(5432, db).get("quarkus.datasource.jdbc.url");
  }

  private static void sql(String db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc(db), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static int count(String db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc(db), "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String resource(String name) throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream found = loader.getResourceAsStream(name);
    try (InputStream in = found != null ? found : loader.getResourceAsStream("db/migration/" + name)) {
      assertNotNull(in, "migration script " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
