package dev.tessera.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/health answers UP while the database answers; readiness names the check that queried it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HealthComponentTest {
  static final String DB_CHECK = "Reactive PostgreSQL connections health check";

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }

  @Test
  void readinessQueriesTheDatabase() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItem(DB_CHECK))
        .body("checks.find { it.name == '" + DB_CHECK + "' }.status", is("UP"));
  }

  @Test
  void wholeHealthIsUp() {
    given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
  }
}
