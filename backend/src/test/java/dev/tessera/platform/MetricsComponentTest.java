package dev.tessera.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** After requests, /q/metrics carries HTTP, GraphQL operation, database pool and change-feed series. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class MetricsComponentTest {

  private static void post(String query) {
    given().contentType(ContentType.JSON).body("{\"query\": \"" + query + "\"}").when().post("/graphql")
        .then().statusCode(200);
  }

  private static String metrics() {
    return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  void graphQlOperationsAreCountedAndTimedByNameAndType() {
    post("query MetricsProbe { __typename }");
    post("{ __typename }");
    post("mutation MetricsUndo { undoMerge(mergeId: \\\"00000000-0000-0000-0000-000000000000\\\") { __typename } }");
    String m = metrics();
    assertHas(m, "tessera_graphql_operations_seconds_count{operation=\"MetricsProbe\",outcome=\"success\",type=\"query\"}");
    assertHas(m, "tessera_graphql_operations_seconds_count{operation=\"(anonymous)\",outcome=\"success\",type=\"query\"}");
    assertHas(m, "tessera_graphql_operations_seconds_count{operation=\"MetricsUndo\",outcome=\"error\",type=\"mutation\"}");
    assertHas(m, "tessera_graphql_operations_seconds_bucket{operation=\"MetricsProbe\",outcome=\"success\",type=\"query\",le=\"0.1\"}");
  }

  @Test
  void httpRequestsAreCountedByRoute() {
    post("{ __typename }");
    assertHas(metrics(), "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/graphql\"}");
  }

  @Test
  void userInterfacePathsShareOneSeries() {
    given().when().get("/designer/entity/customer-" + System.nanoTime());
    given().when().get("/workspace/customer/" + System.nanoTime());
    String m = metrics();
    assertHas(m, "uri=\"/ui\"");
    if (m.contains("uri=\"/designer") || m.contains("uri=\"/workspace")) {
      throw new AssertionError("a UI path got a series of its own:\n" + m);
    }
  }

  @Test
  void theDatabasePoolIsReported() {
    post("{ definitions { kind } }");
    assertHas(metrics(), "sql_pool");
  }

  @Test
  void changeFeedLagIsReportedPerSubscriber() {
    String m = metrics();
    assertHas(m, "tessera_changefeed_pending_changes{subscriber=\"test-probe\"} 7.0");
    assertHas(m, "tessera_changefeed_lag_seconds{subscriber=\"test-probe\"} 2.5");
  }

  @Test
  void scrapesAreNotCountedAsRequests() {
    metrics();
    given().when().get("/q/metrics").then().body(not(containsString("uri=\"/q/metrics\"")));
  }

  private static void assertHas(String metrics, String series) {
    if (!metrics.contains(series)) {
      throw new AssertionError("missing " + series + " in /q/metrics:\n"
          + metrics.lines().filter(l -> !l.startsWith("#") && (l.startsWith("tessera") || l.startsWith("http_server")
              || l.contains("pool"))).reduce("", (a, b) -> a + b + "\n"));
    }
  }
}
