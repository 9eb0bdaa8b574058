package dev.tessera.audit;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.call;
import static dev.tessera.support.Auth.ok;
import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tessera.change.ChangeDispatcher;
import dev.tessera.support.Auth;
import dev.tessera.support.FeedRounds;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An administrator reads what a user did: their record changes and the security events by or about them,
 * merged newest first and paged; anyone else is refused (FORBIDDEN, in the caller's language), a caller
 * without a credential is told to sign in (UNAUTHENTICATED).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class UserActivityComponentTest {
  static final String PASSWORD = "correct horse battery";
  static final String ACTIVITY = "query A($u: String!, $first: Int!, $after: String) { userActivity(username: $u, first: $first,"
      + " after: $after) { entries { at recordChange { operation actor path recordId changes { field before after } }"
      + " securityEvent { kind actor subject } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";

  @Inject
  ChangeDispatcher dispatcher;

  @Test
  void recordChangesAndSecurityEventsMergeNewestFirstPageByPage() {
    String e = Gql.unique("lead");
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    Gql.publish(entity(e, field("name", "text")));
    String u = Auth.user("yang", PASSWORD, java.util.List.of("admin"));
    String token = Auth.token(u, PASSWORD);
    String id = ok(as(token, "mutation { create" + E + "(input: {name: \"甲\"}) { id } }")).getString("data.create" + E + ".id");
    Auth.signIn(u, "wrong");
    ok(as(token, "mutation { update" + E + "(id: \"" + id + "\", version: 1, patch: {name: \"乙\"}) { id } }"));
    FeedRounds.catchUp(dispatcher);
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);

    List<String> seen = new ArrayList<>();
    String after = null;
    do {
      Map<String, Object> vars = new HashMap<>(Map.of("u", u, "first", 2));
      vars.put("after", after);
      JsonPath page = ok(as(admin, ACTIVITY, vars));
      List<Map<String, Object>> entries = page.getList("data.userActivity.entries");
      for (Map<String, Object> x : entries) {
        Map<?, ?> change = (Map<?, ?>) x.get("recordChange");
        Map<?, ?> event = (Map<?, ?>) x.get("securityEvent");
        seen.add(change != null ? change.get("operation") + " " + change.get("path") : (String) event.get("kind"));
      }
      after = page.getBoolean("data.userActivity.pageInfo.hasNextPage") ? page.getString("data.userActivity.pageInfo.endCursor") : null;
    } while (after != null);
    assertEquals(List.of("UPDATE graphql", "SIGN_IN_FAILED", "CREATE graphql", "SIGN_IN", "PASSWORD_SET"), seen);

    JsonPath first = ok(as(admin, ACTIVITY, Map.of("u", u, "first", 1)));
    assertEquals("乙", first.getString("data.userActivity.entries[0].recordChange.changes[0].after"));
    assertEquals("甲", first.getString("data.userActivity.entries[0].recordChange.changes[0].before"));
    assertEquals(u, first.getString("data.userActivity.entries[0].recordChange.actor"));
  }

  @Test
  void onlyAdministratorsMayReadActivityAndTheLog() {
    String u = Auth.user("xu", PASSWORD);
    String token = Auth.token(u, PASSWORD);
    for (String q : List.of("{ userActivity(username: \"admin\") { entries { at } } }", "{ auditLog { entries { id } } }")) {
      JsonPath en = call("Bearer " + token, "en", q, Map.of()).jsonPath();
      assertEquals("FORBIDDEN", en.getString("errors[0].extensions.code"), en.prettify());
      assertEquals("Only administrators may read a user's activity and the security audit log", en.getString("errors[0].message"));
      JsonPath zh = call("Bearer " + token, "zh-CN", q, Map.of()).jsonPath();
      assertEquals("只有管理员可以查看用户的操作记录和安全审计日志", zh.getString("errors[0].message"));
      assertNull(zh.get("data.userActivity"));
      JsonPath anonymous = call(null, "en", q, Map.of()).jsonPath();
      assertEquals("UNAUTHENTICATED", anonymous.getString("errors[0].extensions.code"), anonymous.prettify());
    }
  }
}
