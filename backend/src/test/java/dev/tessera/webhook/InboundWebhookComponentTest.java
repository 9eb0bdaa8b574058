package dev.tessera.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.change.ChangeDispatcher;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.support.Auth;
import dev.tessera.support.FeedRounds;
import jakarta.inject.Inject;
import java.util.List;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inbound webhooks end to end, one sample payload per platform (src/test/resources/webhooks/: a Tmall
 * order, a JD order, a Douyin lead form, a WeChat customer message), each with its source definition:
 * created, a repeat changes nothing, a new event of the same order/person updates the matched record,
 * refused with a bad signature or token, a stale timestamp, or a mapped value missing (named by its path).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class InboundWebhookComponentTest {
  private static final String SECRET = "hook-secret-9f8e7d6c5b4a3210";

  @Inject
  ChangeDispatcher dispatcher;

  /** One fixture made ready: its definitions published under fresh names, its secret set. */
  record Case(String source, String entity, boolean token, ObjectNode payload, JsonNode spec) {
    String field(String name) {
      return spec.path(name).asText();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmall-order", "jd-order", "douyin-lead", "wechat-message"})
  void aPayloadCreatesOnceThenUpdatesTheMatchedRecord(String fixture) {
    Case c = prepare(fixture);
    JsonPath created = ok(post(c, c.payload(), null));
    assertTrue(created.getBoolean("created"));
    assertFalse(created.getBoolean("repeated"));
    String id = created.getString("recordId");
    Map<String, Object> record = record(c, id);
    assertEquals(1, record.get("version"));
    String checked = c.spec().path("check").path("field").asText();
    assertEquals(c.spec().path("check").path("value").asText(), String.valueOf(record.get(checked)));
    assertEquals("system", record.get("createdBy"), "as the system: the source names no run-as user");

    JsonPath repeat = ok(post(c, c.payload(), null));
    assertEquals(id, repeat.getString("recordId"));
    assertTrue(repeat.getBoolean("repeated"));
    assertEquals(1, record(c, id).get("version"), "a repeat changes nothing");

    ObjectNode next = c.payload().deepCopy();
    JsonNode change = c.spec().path("change");
    set(next, c.field("key"), "evt-" + Gql.unique("n"));
    set(next, change.path("pointer").asText(), change.path("value").asText());
    JsonPath updated = ok(post(c, next, null));
    assertEquals(id, updated.getString("recordId"), "the match found the record");
    assertFalse(updated.getBoolean("created"));
    Map<String, Object> after = record(c, id);
    assertEquals(2, after.get("version"));
    assertEquals(change.path("value").asText(), after.get(change.path("field").asText()));

    FeedRounds.catchUp(dispatcher);
    List<Map<String, Object>> history = Gql.ok("query H($e: String!, $id: ID!) { recordHistory(entity: $e, id: $id) {"
        + " entries { operation path } } }", Map.of("e", c.entity(), "id", id)).getList("data.recordHistory.entries");
    assertEquals(2, history.size(), history.toString());
    history.forEach(h -> assertEquals("webhook:" + c.source(), h.get("path"), "the source flows' webhook triggers key on"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmall-order", "jd-order", "douyin-lead", "wechat-message"})
  void badCredentialsStaleTimestampsAndMissingValuesAreRefused(String fixture) {
    Case c = prepare(fixture);
    Response bad = post(c, c.payload(), "forged");
    assertEquals(401, bad.statusCode(), bad.asString());
    assertEquals(c.token() ? "TOKEN_BAD" : "SIGNATURE_BAD", bad.jsonPath().getString("code"));
    if (!c.token()) {
      byte[] body = bytes(c.payload());
      long stale = System.currentTimeMillis() / 1000 - 6 * 60;
      Response old = given().contentType("application/json").header("Accept-Language", "zh-CN")
          .header(WebhookSignature.TIMESTAMP, Long.toString(stale))
          .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(SECRET, stale, body)).body(body)
          .post("/hooks/" + c.source());
      assertEquals(401, old.statusCode(), "correctly signed, but 6 minutes old: a replay");
      assertEquals("SIGNATURE_STALE", old.jsonPath().getString("code"));
      assertTrue(old.jsonPath().getString("message").contains("分钟"), old.asString());
    }
    ObjectNode missing = c.payload().deepCopy();
    String path = c.field("required");
    remove(missing, path);
    set(missing, c.field("key"), "evt-" + Gql.unique("m"));
    Response refused = post(c, missing, null);
    assertEquals(422, refused.statusCode(), refused.asString());
    assertEquals(path, refused.jsonPath().getString("path"));
    assertTrue(refused.jsonPath().getString("message").contains(path), refused.asString());
    Response unknown = given().contentType("application/json").body("{}").post("/hooks/" + Gql.unique("nosuch"));
    assertEquals(404, unknown.statusCode());
  }

  @Test
  void writesObeyTheRunAsUsersRoles() {
    String staff = Auth.user("hookrunner", "a good password");
    Case c = prepare("douyin-lead", staff);
    Response refused = post(c, c.payload(), null);
    assertEquals(403, refused.statusCode(), "the run-as user may not create leads: " + refused.asString());
    assertEquals("FORBIDDEN", refused.jsonPath().getString("code"));
    assertEquals(0, Gql.ok("{ " + c.entity() + "s { totalCount } }").getInt("data." + c.entity() + "s.totalCount"));
  }

  private static Case prepare(String fixture) {
    return prepare(fixture, null);
  }

  private static Case prepare(String fixture, String runAs) {
    String entity = Gql.unique(fixture.startsWith("wechat") ? "wx" : fixture.substring(0, 2));
    String source = Gql.unique("src");
    String secret = Gql.unique("hook");
    String rule = Gql.unique("same");
    String text = resource(fixture + ".case.json").replace("__ENTITY__", entity).replace("__SOURCE__", source)
        .replace("__SECRET__", secret).replace("__RULE__", rule);
    JsonNode spec = read(text);
    Gql.ok("mutation S($n: String!, $v: String!) { setSecret(name: $n, value: $v) }", Map.of("n", secret, "v", SECRET));
    Gql.publish(MetamodelJson.mapper().convertValue(spec.get("entity"), Map.class));
    if (spec.has("matchingRule")) {
      Gql.publish(MetamodelJson.mapper().convertValue(spec.get("matchingRule"), Map.class));
    }
    if (runAs != null) {
      ((ObjectNode) spec.get("source")).put("runAs", runAs);
    }
    Gql.publish(MetamodelJson.mapper().convertValue(spec.get("source"), Map.class));
    ObjectNode payload = (ObjectNode) read(resource(fixture + ".json"));
    // a fresh idempotency key and business key per run: the tests share one database
    set(payload, spec.path("key").asText(), "evt-" + Gql.unique("k"));
    JsonNode match = spec.path("source").path("match").path("fields");
    if (match.isArray() && match.size() > 0) {
      String pointer = spec.path("source").path("mapping").path(match.get(0).asText()).asText();
      set(payload, pointer, Gql.unique("biz"));
    }
    boolean token = "token".equals(spec.path("source").path("auth").path("type").asText());
    return new Case(source, entity, token, payload, spec);
  }

  /** POSTs a payload signed (or, for token sources, with the token); {@code forged}: a wrong secret. */
  private static Response post(Case c, JsonNode payload, String forged) {
    byte[] body = bytes(payload);
    String secret = forged == null ? SECRET : forged + SECRET;
    var req = given().contentType("application/json").header("Accept-Language", "en").body(body);
    if (c.token()) {
      req.header("X-Tessera-Token", secret);
    } else {
      long ts = System.currentTimeMillis() / 1000;
      req.header(WebhookSignature.TIMESTAMP, Long.toString(ts)).header(WebhookSignature.SIGNATURE,
          WebhookSignature.sign(secret, ts, body));
    }
    return req.post("/hooks/" + c.source());
  }

  private static JsonPath ok(Response r) {
    assertEquals(200, r.statusCode(), r.asString());
    return r.jsonPath();
  }

  private static Map<String, Object> record(Case c, String id) {
    JsonNode fields = c.spec().path("entity").path("fields");
    StringBuilder q = new StringBuilder("query R($id: ID!) { " + c.entity() + "(id: $id) { id version createdBy");
    fields.forEach(f -> q.append(' ').append(f.path("name").asText()));
    q.append(" } }");
    Map<String, Object> r = Gql.ok(q.toString(), Map.of("id", id)).getMap("data." + c.entity());
    assertNotEquals(null, r, "record " + id);
    return r;
  }

  private static void set(ObjectNode root, String pointer, String value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
    ((ObjectNode) parent).put(pointer.substring(slash + 1), value);
  }

  private static void remove(ObjectNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
    ((ObjectNode) parent).remove(pointer.substring(slash + 1));
  }

  private static byte[] bytes(JsonNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode read(String text) {
    try {
      return MetamodelJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = InboundWebhookComponentTest.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture webhooks/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
