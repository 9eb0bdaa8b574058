package dev.tessera.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.tessera.support.StoppableDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN when the database stops answering, and liveness stays UP (a restart would not
 * bring the database back), and readiness comes back UP with the database. The app runs against a
 * PostgreSQL cluster of its own on another port ({@link StoppableDatabase}), which the test stops and
 * starts; the machine's PostgreSQL is never touched.
 */
@QuarkusTest
@TestProfile(StoppableDatabase.Profile.class)
class ReadinessDownComponentTest {
  @Test
  void readinessFollowsTheDatabase() throws InterruptedException {
    StoppableDatabase.up();
    awaitReady();

    StoppableDatabase.down();

    given().when().get("/q/health/ready").then().statusCode(503)
        .body("status", is("DOWN"))
        .body("checks.find { it.name == '" + HealthComponentTest.DB_CHECK + "' }.status", is("DOWN"));
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));

    StoppableDatabase.up();

    awaitReady();
  }

  /**
   * UP within seconds of the database's return: the JDBC pool's check may first fail once on a
   * connection the restart broke (and drops it), the reactive pool's does not.
   */
  private static void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (given().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }
}
