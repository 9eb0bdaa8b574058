package dev.tessera.api;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.support.Gql;
import dev.tessera.support.StoppableDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While PostgreSQL is down a request gets a retryable answer (HTTP 503, Retry-After,
 * {@code UNAVAILABLE} in the caller's language), not an internal error; once the server is back the
 * app serves again without a restart. The app runs against a PostgreSQL cluster of its own on another
 * port ({@link StoppableDatabase}), which the test stops and starts; the machine's PostgreSQL is never
 * touched.
 */
@QuarkusTest
@TestProfile(StoppableDatabase.Profile.class)
class DatabaseDownComponentTest {
  @Test
  void requestsGetARetryableCodeWhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
    StoppableDatabase.up();
    String name = Gql.unique("device");
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(name, field("name", "text")))));
    String id = Gql.ok("mutation { create" + type + "(input: {name: \"before\"}) { id } }")
        .getString("data.create" + type + ".id");
    String read = "{ " + name + "(id: \"" + id + "\") { name } }";

    StoppableDatabase.down();

    post("en", "application/json", read).then().statusCode(503).header("Retry-After", "5")
        .body("data." + name, nullValue())
        .body("errors[0].extensions.code", is("UNAVAILABLE"))
        .body("errors[0].message", is("The database cannot be reached right now; try again in a moment"));
    post("zh-CN", "application/graphql-response+json", "mutation { create" + type + "(input: {name: \"down\"}) { id } }")
        .then().statusCode(503)
        .body("errors[0].extensions.code", is("UNAVAILABLE"))
        .body("errors[0].message", is("数据库暂时无法访问，请稍后重试"));
    post("en", "application/json", "{ " + name + "s { totalCount } }").then().statusCode(503)
        .body("errors[0].extensions.code", is("UNAVAILABLE"));

    StoppableDatabase.up();

    Response back = post("en", "application/json", read);
    assertEquals(200, back.statusCode(), back.asString());
    assertEquals("before", new JsonObject(back.asString()).getJsonObject("data").getJsonObject(name).getString("name"));
    Gql.ok("mutation { create" + type + "(input: {name: \"after\"}) { id } }");
    assertEquals(2, Gql.ok("{ " + name + "s { totalCount } }").getInt("data." + name + "s.totalCount"));
  }

  private static Response post(String locale, String accept, String query) {
    return given().contentType(ContentType.JSON).accept(accept).header("Accept-Language", locale)
        .body(new JsonObject().put("query", query).encode()).when().post("/graphql");
  }
}
