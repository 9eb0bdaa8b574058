package dev.tessera.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** With no TESSERA_CORS_ORIGINS, no other origin may call the API: CORS is closed by default. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class CorsComponentTest {
  static final String QUERY = "{\"query\":\"{ __typename }\"}";

  @Test
  void anotherOriginIsRefused() {
    given().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON).body(QUERY)
        .when().post("/graphql")
        .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void aPreflightFromAnotherOriginIsRefused() {
    given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
        .when().options("/graphql")
        .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void requestsWithoutOriginStillWork() {
    given().contentType(ContentType.JSON).body(QUERY).when().post("/graphql")
        .then().statusCode(200).body("data.__typename", is("Query"));
  }

  @Test
  void thePageTesseraServesItselfMayCall() {
    String self = "http://localhost:" + io.restassured.RestAssured.port;
    given().header("Origin", self).contentType(ContentType.JSON).body(QUERY).when().post("/graphql")
        .then().statusCode(200).body("data.__typename", is("Query"));
  }
}
