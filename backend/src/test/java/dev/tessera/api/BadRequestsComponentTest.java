package dev.tessera.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The hardening issue's malformed requests, each sent exactly as reported: a coded 4xx, never HTTP 500
 * or INTERNAL_ERROR.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BadRequestsComponentTest {
  static final String QUERY = "\"query\": \"{ metadataVersion }\"";

  static io.restassured.response.ValidatableResponse send(String contentType, String language, String body) {
    var r = given().contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (language != null) {
      r = r.header("Accept-Language", language);
    }
    return r.when().post("/graphql").then();
  }

  @Test
  void aBodyOfNullIs400() {
    send("application/json", null, "null").statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
  }

  @Test
  void variablesThatAreNotAnObjectAre400() {
    for (String v : new String[] {"\"x\"", "[1, 2]", "42", "true"}) {
      send("application/json", null, "{" + QUERY + ", \"variables\": " + v + "}").statusCode(400)
          .body("errors[0].extensions.code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString("variables"));
    }
  }

  @Test
  void anOperationNameThatIsNotAStringIs400() {
    for (String v : new String[] {"42", "[\"a\"]", "{}", "false"}) {
      send("application/json", null, "{" + QUERY + ", \"operationName\": " + v + "}").statusCode(400)
          .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }
  }

  @Test
  void aMalformedAcceptLanguageStillGetsAnAnswer() {
    for (String lang : new String[] {"!!!", "zh-CN;q=abc", "x".repeat(7000), ";;", "zh-CN;q=2"}) {
      send("application/json", lang, "{" + QUERY + "}").statusCode(200).body("data.metadataVersion", not(equalTo(null)));
    }
  }

  @io.quarkus.test.common.http.TestHTTPResource("/graphql")
  java.net.URI url;

  @Test
  void aPostThatIsNotJsonIs415() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
      var answer = client.send(java.net.http.HttpRequest.newBuilder(url).header("Content-Type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { __typename }\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      org.junit.jupiter.api.Assertions.assertEquals(415, answer.statusCode(), type);
      org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("UNSUPPORTED_MEDIA_TYPE"), answer.body());
    }
  }
}
