package dev.tessera.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the start clears from a data folder, and what it leaves alone (folders only, no server runs;
 * EmbeddedDatabaseCrashIT covers running and orphaned servers and a folder held by another app).
 */
class LeftoverServerTest {
  @TempDir
  Path dir;

  @Test
  void aFolderWhoseInitdbWasCutShortIsEmptied() throws IOException {
    initdbFiles();
    assertTrue(LeftoverServer.unfinishedInitdb(dir));

    LeftoverServer.clear(dir);

    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aFolderAServerRanInIsKept() throws IOException {
    initdbFiles();
    Files.writeString(dir.resolve("postmaster.opts"), "postgres -D " + dir);
    Files.writeString(dir.resolve("postmaster.pid"), "999999999\n" + dir + "\n");

    LeftoverServer.clear(dir);

    assertTrue(Files.exists(dir.resolve("base/1/1259")), "the data stays");
    assertFalse(Files.exists(dir.resolve("postmaster.pid")), "the stale pid file of a server no longer running goes");
  }

  @Test
  void aFolderHoldingAnythingElseIsLeftAlone() throws IOException {
    initdbFiles();
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertFalse(LeftoverServer.unfinishedInitdb(dir));

    LeftoverServer.clear(dir);

    assertTrue(Files.exists(dir.resolve("notes.txt")));
    assertTrue(Files.exists(dir.resolve("base/1/1259")));
  }

  @Test
  void anEmptyFolderIsInitialisedAsItIs() throws IOException {
    assertFalse(LeftoverServer.unfinishedInitdb(Files.createDirectory(dir.resolve("empty"))));
  }

  private void initdbFiles() throws IOException {
    Files.writeString(dir.resolve("PG_VERSION"), "17\n");
    Files.writeString(dir.resolve("postgresql.conf"), "");
    Files.createDirectories(dir.resolve("base/1"));
    Files.writeString(dir.resolve("base/1/1259"), "catalog");
    Files.createDirectories(dir.resolve("global"));
    Files.createDirectories(dir.resolve("pg_wal"));
  }
}
