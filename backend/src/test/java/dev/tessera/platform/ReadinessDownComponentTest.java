package dev.tessera.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN when the database stops answering, and liveness stays UP (a restart would not
 * bring the database back). The app runs against a throwaway PostgreSQL cluster of its own, on
 * another port, which the test stops; the machine's PostgreSQL is never touched.
 */
@QuarkusTest
@TestProfile(ReadinessDownComponentTest.ThrowawayDatabase.class)
class ReadinessDownComponentTest {
  static volatile EmbeddedPostgres cluster;

  /** A profile of its own: no shared test database, its own cluster. */
  public static class ThrowawayDatabase implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Cluster.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  /** Starts a real PostgreSQL (the zonky binaries the embedded database uses) on a free port. */
  public static class Cluster implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try {
        cluster = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> config = new HashMap<>(TestDatabase.urls(cluster.getPort(), "postgres"));
      config.put("quarkus.datasource.username", "postgres");
      config.put("quarkus.datasource.password", "postgres");
      return config;
    }

    @Override
    public void stop() {
      stopCluster();
    }
  }

  static synchronized void stopCluster() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cluster = null;
    }
  }

  @Test
  void readinessFollowsTheDatabase() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));

    stopCluster();

    given().when().get("/q/health/ready").then().statusCode(503)
        .body("status", is("DOWN"))
        .body("checks.find { it.name == '" + HealthComponentTest.DB_CHECK + "' }.status", is("DOWN"));
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }
}
