package dev.tessera.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.PackagedApp;
import dev.tessera.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the packaged app in its own process: a change committed just before the JVM is killed
 * (kill -9, with the dispatcher off so nothing was delivered) is delivered after the restart. The
 * audit trail, a subscriber of the feed, shows it.
 */
class ChangeFeedCrashIT {
  /** Beside the test database, so runs with different TESSERA_TEST_DB never share it. */
  private static final String DB = TestDatabase.NAME + "_crash";
  private PackagedApp app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void aChangeCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
    TestDatabase.recreate(DB);
    int port = PackagedApp.freePort();
    app = start(port, false, "first");
    String id = app.graphql("mutation { createCustomer(input: {name: \"崩溃前\", phone: \"13800138000\"}) { id } }")
        .getJsonObject("data").getJsonObject("createCustomer").getString("id");
    JsonObject feed = app.graphql("{ changeFeed { head unpositioned subscribers { name position } } }")
        .getJsonObject("data").getJsonObject("changeFeed");
    assertTrue(Long.parseLong(feed.getString("unpositioned")) >= 1, "committed, not yet delivered: " + feed);
    assertEquals(0, history(app, id).size(), "nothing delivered before the kill");

    app.kill();

    app = start(port, true, "second");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonArray seen = history(app, id);
    while (seen.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      seen = history(app, id);
    }
    assertEquals(1, seen.size(), "delivered after the restart: " + seen);
    assertEquals("CREATE", seen.getJsonObject(0).getString("operation"));
    assertEquals("graphql", seen.getJsonObject(0).getString("path"));
  }

  private static JsonArray history(PackagedApp app, String id) throws Exception {
    return app.graphql("{ recordHistory(entity: \"customer\", id: \"" + id + "\") { entries { operation path } } }")
        .getJsonObject("data").getJsonObject("recordHistory").getJsonArray("entries");
  }

  private static PackagedApp start(int port, boolean dispatch, String name) throws Exception {
    return PackagedApp.start("crash-it-" + name, port, Map.of("TESSERA_DB_URL", "postgresql://127.0.0.1:5432/" + DB,
        "TESSERA_CHANGES_DISPATCH_ENABLED", Boolean.toString(dispatch)), Duration.ofSeconds(90));
  }

}
