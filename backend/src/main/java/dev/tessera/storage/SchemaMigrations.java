package dev.tessera.storage;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the platform's own schema migrations (db/migration/V&lt;n&gt;__&lt;name&gt;.sql) with Flyway at
 * start, before anything reads the database: Flyway keeps their history with checksums in
 * {@code flyway_schema_history} and refuses to start on an applied migration that was edited.
 *
 * <p>A database migrated by the former hand-written migrator (table {@code tessera_schema_migration})
 * is taken over first: Flyway's history starts with a baseline at the version recorded there, so
 * nothing runs twice. Several nodes may start at once: the take-over and the whole migration hold the
 * advisory lock the former migrator held (so an old node upgrading at the same moment waits too, and a
 * node never sees another's half-written baseline); Flyway reads the history again once it runs.
 */
@ApplicationScoped
public class SchemaMigrations {
  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
  /** The advisory lock key of the former migrator. */
  static final long LOCK_KEY = 0x7e55e7a1L;
  static final String LEGACY_TABLE = "tessera_schema_migration";
  private final Flyway flyway;

  public SchemaMigrations(Flyway flyway) {
    this.flyway = flyway;
  }

  void onStart(@Observes @Priority(10) StartupEvent ev) {
    migrate(flyway);
  }

  /**
   * Takes over a database of the former migrator if need be, then applies pending migrations, all under
   * one advisory lock: nodes starting together migrate one after the other, so a second node never
   * finds the history table another one has just created but not yet filled (Flyway's own lock covers
   * migrations, not the baseline it writes on first migrate).
   */
  public static MigrateResult migrate(Flyway flyway) {
    return locked(flyway.getConfiguration(), c -> {
      takeOver(c, flyway.getConfiguration());
      MigrateResult result = flyway.migrate();
      if (result.migrationsExecuted > 0) {
        LOG.infof("applied %d schema migration(s); schema version now %s", result.migrationsExecuted,
            result.targetSchemaVersion);
      }
      return result;
    });
  }

  /**
   * Starts Flyway's history at the version the former migrator recorded, when that table exists and
   * Flyway's does not yet. Returns the version taken over, if any.
   */
  static OptionalInt takeOver(Flyway flyway) {
    return locked(flyway.getConfiguration(), c -> takeOver(c, flyway.getConfiguration()));
  }

  private static OptionalInt takeOver(Connection c, Configuration conf) throws SQLException {
    OptionalInt legacy = legacyVersion(c, conf);
    if (legacy.isPresent()) {
      Flyway.configure(conf.getClassLoader()).configuration(conf)
          .baselineVersion(String.valueOf(legacy.getAsInt()))
          .baselineDescription("taken over from " + LEGACY_TABLE)
          .load().baseline();
      LOG.infof("schema history taken over from %s at version %d", LEGACY_TABLE, legacy.getAsInt());
    }
    return legacy;
  }

  private interface Locked<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} holding the migrator's advisory lock on a connection of its own. */
  private static <T> T locked(Configuration conf, Locked<T> work) {
    try (Connection c = conf.getDataSource().getConnection()) {
      c.setAutoCommit(true);
      execute(c, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      try {
        return work.run(c);
      } finally {
        execute(c, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    } catch (SQLException e) {
      throw new FlywayException("could not migrate the schema under its lock: " + e.getMessage(), e);
    }
  }

  private static OptionalInt legacyVersion(Connection c, Configuration conf) throws SQLException {
    String schema = conf.getDefaultSchema();
    String prefix = schema == null ? "" : '"' + schema.replace("\"", "\"\"") + "\".";
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL")) {
      ps.setString(1, prefix + LEGACY_TABLE);
      ps.setString(2, prefix + '"' + conf.getTable().replace("\"", "\"\"") + '"');
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1) || rs.getBoolean(2)) {
          return OptionalInt.empty();
        }
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + prefix + LEGACY_TABLE)) {
      rs.next();
      int version = rs.getInt(1);
      return version > 0 ? OptionalInt.of(version) : OptionalInt.empty();
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
