package dev.tessera.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of a PostgreSQL data folder, as Linux shows them under /proc. Every process of a
 * server (the postmaster and each backend) runs with the data folder as its working directory, so
 * "whose cwd is this folder" finds them all, whatever port or user namespace they were started with;
 * a zombie or an exited process has no readable cwd and is not counted. Signals go through
 * {@code sh -c kill}, since Java can send only TERM and KILL itself.
 */
final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  private ProcessTable() {}

  /** Whether {@code pid} is a live process working in {@code dir} (a real path). */
  static boolean runsIn(long pid, Path dir) {
    try {
      return Files.isSameFile(PROC.resolve(Long.toString(pid)).resolve("cwd"), dir);
    } catch (IOException | SecurityException gone) {
      return false;
    }
  }

  /** The live processes working in {@code dir} (a real path). */
  static List<Long> workingIn(Path dir) {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong).filter(pid -> pid != ProcessHandle.current().pid() && runsIn(pid, dir))
          .forEach(out::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the processes in /proc", e);
    }
    return out;
  }

  /** The PID a server wrote on the first line of {@code postmaster.pid}, if the file is there and readable. */
  static Optional<Long> postmasterPid(Path dataDir) {
    try (Stream<String> lines = Files.lines(dataDir.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::trim).filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit))
          .map(Long::parseLong);
    } catch (IOException | java.io.UncheckedIOException absent) {
      return Optional.empty();
    }
  }

  /** Sends a signal by name (INT, QUIT, ...); a process that is gone already is no error. */
  static void signal(long pid, String name) {
    try {
      Process kill = new ProcessBuilder("sh", "-c", "kill -s \"$0\" \"$1\" 2>/dev/null", name, Long.toString(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot send " + name + " to process " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills a process outright; nothing happens when it is gone. */
  static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** Waits until no process works in {@code dir}; true when none is left within {@code millis}. */
  static boolean awaitNoneIn(Path dir, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!workingIn(dir).isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause();
    }
    return true;
  }

  /** Waits until {@code pid} no longer works in {@code dir}; true when it stopped within {@code millis}. */
  static boolean awaitGone(long pid, Path dir, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (runsIn(pid, dir)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause();
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL processes to stop", e);
    }
  }
}
