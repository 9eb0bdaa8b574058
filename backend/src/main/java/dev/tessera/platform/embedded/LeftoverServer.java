package dev.tessera.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Clears what a crashed Tessera left in its data folder, so the next start succeeds: a PostgreSQL
 * server still running there (the app was killed and its watchdog too) is shut down the way
 * {@code pg_ctl stop -m fast} would (SIGINT: a checkpoint, nothing committed is lost), backends
 * outliving a killed server are waited for, a stale {@code postmaster.pid} whose PID is dead, a zombie
 * or another program's is removed, and a folder whose first {@code initdb} was cut short is emptied
 * (its server never ran, so it holds no data). PostgreSQL's own crash recovery replays the WAL.
 *
 * <p>Before touching anything it checks that no running Tessera holds the folder (the lock the
 * embedded server keeps on {@code epg-lock} while it runs); a second app on the same folder fails
 * at once instead of stopping the first one's database.
 */
final class LeftoverServer {
  private static final Logger LOG = Logger.getLogger(LeftoverServer.class);
  static final String LOCK_FILE = "epg-lock";
  private static final long FAST_SHUTDOWN_MILLIS = 60_000;
  private static final long IMMEDIATE_SHUTDOWN_MILLIS = 10_000;
  private static final long BACKENDS_MILLIS = 10_000;
  /** What initdb writes at the top of a data folder (besides pg_* folders), and the embedded server's lock. */
  private static final Set<String> INITDB_FILES = Set.of("PG_VERSION", "base", "global", "postgresql.conf",
      "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf", LOCK_FILE);

  private LeftoverServer() {}

  /** Makes {@code dataDir} (a real path) ready for a server to start on it. */
  static void clear(Path dataDir) {
    refuseIfInUse(dataDir);
    if (unfinishedInitdb(dataDir)) {
      LOG.warnf("The embedded database folder %s was never started (its initdb was cut short); creating it again", dataDir);
      empty(dataDir);
      return;
    }
    ProcessTable.postmasterPid(dataDir).ifPresent(pid -> {
      if (ProcessTable.runsIn(pid, dataDir)) {
        stop(pid, dataDir);
      }
    });
    if (!ProcessTable.awaitNoneIn(dataDir, BACKENDS_MILLIS)) {
      List<Long> left = ProcessTable.workingIn(dataDir);
      LOG.warnf("Processes of a stopped PostgreSQL still run in %s after %d ms; killing %s", dataDir, BACKENDS_MILLIS, left);
      left.forEach(ProcessTable::kill);
      ProcessTable.awaitNoneIn(dataDir, BACKENDS_MILLIS);
    }
    removeStalePidFile(dataDir);
  }

  /** A server left running by an app that died with its watchdog: fast shutdown, then immediate, then kill. */
  private static void stop(long pid, Path dataDir) {
    LOG.warnf("A PostgreSQL server (PID %d) left running by an earlier Tessera still serves %s; shutting it down", pid, dataDir);
    ProcessTable.signal(pid, "INT");
    if (ProcessTable.awaitGone(pid, dataDir, FAST_SHUTDOWN_MILLIS)) {
      return;
    }
    LOG.warnf("PostgreSQL (PID %d) did not finish a fast shutdown in %d ms; stopping it immediately (crash recovery follows)",
        pid, FAST_SHUTDOWN_MILLIS);
    ProcessTable.signal(pid, "QUIT");
    if (!ProcessTable.awaitGone(pid, dataDir, IMMEDIATE_SHUTDOWN_MILLIS)) {
      ProcessTable.kill(pid);
    }
  }

  /** No server runs in the folder now, so a postmaster.pid left there is stale whatever its PID names now. */
  private static void removeStalePidFile(Path dataDir) {
    try {
      if (Files.deleteIfExists(dataDir.resolve("postmaster.pid"))) {
        LOG.infof("Removed the stale postmaster.pid of a server that is no longer running in %s", dataDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + dataDir.resolve("postmaster.pid"), e);
    }
  }

  private static void refuseIfInUse(Path dataDir) {
    Path lockFile = dataDir.resolve(LOCK_FILE);
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IllegalStateException("The embedded database folder " + dataDir + " is in use by another running"
            + " Tessera; stop that one first, or give this one another folder (TESSERA_DATA_DIR)");
      }
    } catch (NoSuchFileException never) {
      // a folder the embedded server never ran in
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check whether " + lockFile + " is held", e);
    }
  }

  /**
   * True for a folder initdb began but no server ever started in ({@code postmaster.opts} is written at
   * every start): everything in it is initdb's, so emptying it loses nothing. A folder holding anything
   * else is left alone.
   */
  static boolean unfinishedInitdb(Path dataDir) {
    if (Files.exists(dataDir.resolve("postmaster.opts"))) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).toList();
      return !names.isEmpty() && names.stream().allMatch(n -> INITDB_FILES.contains(n) || n.startsWith("pg_"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dataDir, e);
    }
  }

  private static void empty(Path dataDir) {
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dataDir)).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dataDir, e);
    }
  }
}
