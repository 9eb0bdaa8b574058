package dev.tessera.platform.embedded;

import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Makes the embedded PostgreSQL die with the app. {@code pg_ctl} detaches the server, so a JVM killed
 * with SIGKILL (no shutdown hook runs) would leave it serving an old folder on a random port. The
 * watchdog is a tiny shell process blocked reading a pipe whose other end only the JVM holds: when
 * the JVM ends, however it ends, the kernel closes that end, the read returns, and the watchdog asks
 * the server in the folder for a fast shutdown (SIGINT: a checkpoint, every committed transaction
 * kept). It signals only a process whose working directory is still the data folder, so a PID reused
 * since is never touched. A clean stop of the app stops the server first; the watchdog then finds
 * nothing to do.
 */
final class ServerWatchdog {
  private static final Logger LOG = Logger.getLogger(ServerWatchdog.class);
  /** $0: its name in ps; $1: the data folder (a real path). */
  private static final String SCRIPT = """
      read -r _
      pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || exit 0
      [ -n "$pid" ] && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$1" ] && kill -s INT "$pid"
      exit 0
      """;
  static final String NAME = "tessera-embedded-pg-watchdog";
  private final Process process;

  private ServerWatchdog(Process process) {
    this.process = process;
  }

  /** Starts watching the server of {@code dataDir} (a real path) for as long as this JVM lives. */
  static ServerWatchdog arm(Path dataDir) {
    try {
      Process p = new ProcessBuilder("sh", "-c", SCRIPT, NAME, dataDir.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      return new ServerWatchdog(p);
    } catch (IOException e) {
      LOG.warn("could not start the watchdog that stops the embedded PostgreSQL if the app is killed", e);
      return new ServerWatchdog(null);
    }
  }

  /** Ends the watchdog without letting it signal anything (the server is stopped by then). */
  void disarm() {
    if (process != null) {
      process.destroyForcibly();
    }
  }
}
