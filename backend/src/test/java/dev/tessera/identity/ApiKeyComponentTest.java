package dev.tessera.identity;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.call;
import static dev.tessera.support.Auth.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys: created by administrators, shown once, bound to a role, usable as a bearer, revocable, last-used time. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ApiKeyComponentTest {
  static final String CREATE = "mutation K($n: String!, $r: String!) { createApiKey(name: $n, role: $r)"
      + " { key apiKey { id name role prefix createdBy lastUsedAt revokedAt } } }";
  static final String LIST = "{ apiKeys { id name role prefix createdBy createdAt lastUsedAt revokedAt } }";

  @Test
  void aKeyIsShownOnceActsUnderItsNameAndRecordsItsLastUse() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    String name = Gql.unique("erp");
    JsonPath created = ok(as(admin, CREATE, Map.of("n", name, "r", Auth.staffRole())));
    String key = created.getString("data.createApiKey.key");
    String id = created.getString("data.createApiKey.apiKey.id");
    assertTrue(key.startsWith("tsk_") && key.length() > 40, key);
    assertEquals(key.substring(0, 12), created.getString("data.createApiKey.apiKey.prefix"));
    assertEquals(Auth.ADMIN, created.getString("data.createApiKey.apiKey.createdBy"));
    assertNull(created.get("data.createApiKey.apiKey.lastUsedAt"));

    JsonPath team = ok(as(key, "mutation { createTeam(input: {code: \"" + Gql.unique("k") + "\", name: \"x\"}) { createdBy } }"));
    assertEquals("apikey:" + name, team.getString("data.createTeam.createdBy"));

    JsonPath list = ok(as(admin, LIST));
    assertFalse(list.prettify().contains(key), "the secret is never listed");
    assertFalse(list.prettify().contains(key.substring(12)), "not even in part beyond its prefix");
    Map<String, Object> listed = entry(list, id);
    assertEquals(Auth.STAFF_ROLE, listed.get("role"));
    assertNotNull(listed.get("lastUsedAt"), "its use was recorded");
  }

  @Test
  void onlyAdministratorsManageKeysAndARoleBoundKeyIsNoAdministrator() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    String sales = ok(as(admin, CREATE, Map.of("n", Gql.unique("s"), "r", "sales"))).getString("data.createApiKey.key");
    String admins = ok(as(admin, CREATE, Map.of("n", Gql.unique("a"), "r", "admin"))).getString("data.createApiKey.key");
    assertEquals("FORBIDDEN", as(sales, LIST).getString("errors[0].extensions.code"));
    ok(as(admins, LIST));
    String user = Auth.token(Auth.user("staff", "a good password"), "a good password");
    assertEquals("FORBIDDEN", as(user, CREATE, Map.of("n", "x", "r", "sales")).getString("errors[0].extensions.code"));
    JsonPath nobody = call(null, "en", CREATE, Map.of("n", "x", "r", "sales")).jsonPath();
    assertEquals("UNAUTHENTICATED", nobody.getString("errors[0].extensions.code"), "no credential, no administrator");
    JsonPath badRole = as(admin, CREATE, Map.of("n", "x", "r", "Not A Role"));
    assertEquals("role", badRole.getString("errors[0].extensions.field"));
    JsonPath noName = as(admin, CREATE, Map.of("n", " ", "r", "sales"));
    assertEquals("name", noName.getString("errors[0].extensions.field"));
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    JsonPath created = ok(as(admin, CREATE, Map.of("n", Gql.unique("old"), "r", "sales")));
    String key = created.getString("data.createApiKey.key");
    String id = created.getString("data.createApiKey.apiKey.id");
    ok(as(key, "{ notifications { id } }"));
    String revoke = "mutation R($id: ID!) { revokeApiKey(id: $id) }";
    assertTrue(ok(as(admin, revoke, Map.of("id", id))).getBoolean("data.revokeApiKey"));
    assertFalse(ok(as(admin, revoke, Map.of("id", id))).getBoolean("data.revokeApiKey"), "revoked already");
    assertEquals(401, call("Bearer " + key, "en", "{ notifications { id } }", Map.of()).statusCode());
    assertNotNull(entry(ok(as(admin, LIST)), id).get("revokedAt"));
    assertEquals(401, call("Bearer tsk_" + "A".repeat(43), "en", "{ notifications { id } }", Map.of()).statusCode());
  }

  private static Map<String, Object> entry(JsonPath list, String id) {
    List<Map<String, Object>> keys = list.getList("data.apiKeys");
    return keys.stream().filter(k -> id.equals(k.get("id"))).findFirst().orElseThrow();
  }
}
