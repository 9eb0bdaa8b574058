package dev.tessera.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.graphql.SchemaFactory;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.support.Auth;
import dev.tessera.support.SocketClient;
import dev.tessera.support.TestDatabase;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Production mode (sign-in required): GraphiQL's page loads for anyone, but nothing it would ask, not
 * even introspection ({@code __schema}, {@code __type}, {@code __typename}), is answered without a
 * credential, over POST, GET or a socket; a signed-in user may introspect, and an administrator sees the
 * whole schema.
 */
@QuarkusTest
@TestProfile(AuthRequiredComponentTest.Required.class)
@QuarkusTestResource(TestDatabase.class)
class ProductionModeComponentTest {
  static final List<String> INTROSPECTION = List.of("{ __schema { queryType { name } types { name } } }",
      "{ __type(name: \"Query\") { fields { name } } }", "{ __typename }",
      "query IntrospectionQuery { __schema { types { name fields { name } } } }");

  @TestHTTPResource("/graphql")
  URI http;

  @Inject
  SchemaFactory schemas;

  @Inject
  MetadataRegistry registry;

  @Test
  void theGraphiqlPageLoadsButAnonymousIntrospectionIsRefusedOverPostAndGet() {
    assertTrue(given().when().get("/graphiql").statusCode() != 401, "the page itself is not behind sign-in");
    for (String query : INTROSPECTION) {
      Response post = Auth.call(null, "zh-CN", query, Map.of());
      assertEquals(401, post.statusCode(), query + " → " + post.asString());
      assertEquals("UNAUTHENTICATED", post.jsonPath().getString("errors[0].extensions.code"));
      Response get = given().header(dev.tessera.support.SignedIn.ANONYMOUS, "1").header("Accept", "application/graphql-response+json").queryParam("query", query)
          .when().get("/graphql");
      assertEquals(401, get.statusCode(), "GET " + query + " → " + get.asString());
      assertEquals("UNAUTHENTICATED", get.jsonPath().getString("errors[0].extensions.code"));
    }
  }

  @Test
  void anAnonymousSocketCannotIntrospect() throws Exception {
    SocketClient c = SocketClient.open(http, null);
    c.send(Map.of("type", "connection_init"));
    try {
      c.subscribe("1", INTROSPECTION.get(0), Map.of());
    } catch (java.util.concurrent.CompletionException closedFirst) {
      // the server may close the anonymous socket before the subscription is even sent: the same refusal
    }
    assertEquals(4403, c.closedWith.get(10, TimeUnit.SECONDS));
    assertTrue(c.messages.stream().noneMatch(m -> "next".equals(m.getString("type"))), "nothing answered: " + c.messages);
  }

  @Test
  void aSignedInUserMayIntrospectOverPostGetAndASocket() throws Exception {
    String user = Auth.user("intro", "a good password");
    String token = Auth.token(user, "a good password");
    for (String query : INTROSPECTION) {
      Auth.ok(Auth.as(token, query));
      given().header("Authorization", "Bearer " + token).queryParam("query", query).when().get("/graphql")
          .then().statusCode(200);
    }
    SocketClient c = SocketClient.open(http, null);
    c.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
    assertEquals("connection_ack", c.next().getString("type"));
    c.subscribe("1", INTROSPECTION.get(1), Map.of());
    var next = c.next();
    assertEquals("next", next.getString("type"), next.encode());
    assertTrue(next.getJsonObject("payload").getJsonObject("data").getJsonObject("__type").getJsonArray("fields").size() > 0,
        next.encode());
    c.socket.sendClose(1000, "done").join();
  }

  @Test
  void anAdministratorSeesTheWholeSchema() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    JsonPath seen = Auth.ok(Auth.as(admin, INTROSPECTION.get(3)));
    Map<String, TreeSet<String>> introspected = new TreeMap<>();
    List<Map<String, Object>> types = seen.getList("data.__schema.types");
    for (Map<String, Object> t : types) {
      String name = (String) t.get("name");
      if (!name.startsWith("__")) {
        TreeSet<String> fields = new TreeSet<>();
        if (t.get("fields") instanceof List<?> fs) {
          fs.forEach(f -> fields.add((String) ((Map<?, ?>) f).get("name")));
        }
        introspected.put(name, fields);
      }
    }
    Map<String, TreeSet<String>> whole = new TreeMap<>();
    for (GraphQLNamedType t : schemas.build(registry.current()).getAllTypesAsList()) {
      if (!t.getName().startsWith("__")) {
        TreeSet<String> fields = new TreeSet<>();
        if (t instanceof GraphQLFieldsContainer c) {
          c.getFieldDefinitions().forEach(f -> fields.add(f.getName()));
        }
        whole.put(t.getName(), fields);
      }
    }
    assertTrue(whole.get("Mutation").contains("setUserPassword"), "the whole schema holds the administrators' fields");
    assertEquals(whole, introspected);
  }
}
