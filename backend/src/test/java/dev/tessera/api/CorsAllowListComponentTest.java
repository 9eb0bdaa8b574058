package dev.tessera.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An allow-list (TESSERA_CORS_ORIGINS) opens the API to exactly the origins it names. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(CorsAllowListComponentTest.AllowList.class)
class CorsAllowListComponentTest {
  static final String ALLOWED = "https://crm.example.com";

  /** What TESSERA_CORS_ORIGINS=https://crm.example.com,/https://.*\.partner\.example/ sets. */
  public static class AllowList implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.cors.origins", ALLOWED + ",/https://[a-z]+\\.partner\\.example/");
    }
  }

  @Test
  void anAllowedOriginGetsTheAnswerAndTheHeader() {
    given().header("Origin", ALLOWED).contentType(ContentType.JSON).body(CorsComponentTest.QUERY)
        .when().post("/graphql")
        .then().statusCode(200).header("Access-Control-Allow-Origin", ALLOWED).body("data.__typename", is("Query"));
  }

  @Test
  void anOriginMatchingAnAllowedPatternGetsTheAnswer() {
    given().header("Origin", "https://shop.partner.example").contentType(ContentType.JSON).body(CorsComponentTest.QUERY)
        .when().post("/graphql")
        .then().statusCode(200).header("Access-Control-Allow-Origin", "https://shop.partner.example");
  }

  @Test
  void anOriginNotListedIsRefused() {
    given().header("Origin", "https://crm.example.com.evil.example").contentType(ContentType.JSON)
        .body(CorsComponentTest.QUERY)
        .when().post("/graphql")
        .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnswered() {
    given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,authorization")
        .when().options("/graphql")
        .then().statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED)
        .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"))
        .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"))
        .header("Access-Control-Max-Age", "86400");
  }

  @Test
  void aPreflightFromAnOriginNotListedIsRefused() {
    given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
        .when().options("/graphql")
        .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
  }
}
