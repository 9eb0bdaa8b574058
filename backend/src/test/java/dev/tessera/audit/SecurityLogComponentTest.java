package dev.tessera.audit;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.ok;
import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataService;
import dev.tessera.metadata.PublishResult;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.Actor;
import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security log, read by an administrator through auditLog: sign-ins (failed ones with the name tried,
 * the address and a reason), sign-outs, password changes and sets, API keys, publishes, rollbacks and pack
 * installs, each written with its action (a failed publish leaves none) and never holding a password, a
 * token or a key.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SecurityLogComponentTest {
  static final String PASSWORD = "correct horse battery";
  static final String LOG = "query L($f: AuditLogFilter, $first: Int!) { auditLog(filter: $f, first: $first) {"
      + " entries { id at kind actor path subject address details } pageInfo { hasNextPage endCursor } } }";

  @Inject
  MetadataService metadata;

  @Test
  void signInsAreLoggedWithTheNameTriedTheAddressAndAReasonNeverThePassword() {
    String u = Auth.user("audit", PASSWORD);
    Auth.signIn(u, "not the password 42");
    String nobody = Gql.unique("nobody");
    Auth.signIn(nobody, "whatever 43");
    ok(Auth.signIn(u, PASSWORD));
    JsonPath mine = log(Map.of("subject", u));
    assertEquals(List.of("SIGN_IN", "SIGN_IN_FAILED", "PASSWORD_SET"), mine.getList("data.auditLog.entries.kind"));
    assertEquals(u, mine.getString("data.auditLog.entries[0].actor"));
    assertEquals("anonymous", mine.getString("data.auditLog.entries[1].actor"));
    assertEquals("WRONG_PASSWORD", mine.getString("data.auditLog.entries[1].details.reason"));
    assertNotNull(mine.getString("data.auditLog.entries[1].address"));
    assertEquals(Auth.ADMIN, mine.getString("data.auditLog.entries[2].actor"), "the administrator set it");
    assertEquals("UNKNOWN_USER", log(Map.of("subject", nobody)).getString("data.auditLog.entries[0].details.reason"));
    String all = log(Map.of()).prettify() + log(Map.of("subject", u)).prettify();
    assertFalse(all.contains(PASSWORD) || all.contains("not the password 42") || all.contains("whatever 43"), all);
  }

  @Test
  void theLogIsFilteredByTimeAndABadTimeIsRefusedNamingTheField() {
    String u = Auth.user("time", PASSWORD);
    ok(Auth.signIn(u, PASSWORD));
    String at = log(Map.of("subject", u, "kinds", List.of("SIGN_IN"))).getString("data.auditLog.entries[0].at");
    assertEquals(1, log(Map.of("subject", u, "kinds", List.of("SIGN_IN"), "from", at)).getList("data.auditLog.entries").size(),
        "from is inclusive");
    assertEquals(0, log(Map.of("subject", u, "kinds", List.of("SIGN_IN"), "to", at)).getList("data.auditLog.entries").size(),
        "to is exclusive");
    JsonPath bad = as(Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD), LOG, Map.of("f", Map.of("from", "yesterday"), "first", 5));
    assertEquals("BAD_REQUEST", bad.getString("errors[0].extensions.code"), bad.prettify());
    assertTrue(bad.getString("errors[0].message").contains("filter.from"), bad.prettify());
  }

  @Test
  void aLockedAccountsAttemptIsLoggedAsTooMany() {
    String u = Auth.user("locked", PASSWORD);
    for (int i = 0; i < 6; i++) {
      Auth.signIn(u, "wrong " + i);
    }
    JsonPath mine = log(Map.of("subject", u, "kinds", List.of("SIGN_IN_FAILED")));
    assertEquals("TOO_MANY_ATTEMPTS", mine.getString("data.auditLog.entries[0].details.reason"));
    assertEquals(6, mine.getList("data.auditLog.entries").size());
  }

  @Test
  void signOutsAndPasswordChangesAreLogged() {
    String u = Auth.user("chen", PASSWORD);
    String token = Auth.token(u, PASSWORD);
    String change = "mutation C($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }";
    as(token, change, Map.of("c", "wrong current", "n", "a new password"));
    String fresh = ok(as(token, change, Map.of("c", PASSWORD, "n", "a new password"))).getString("data.changePassword.accessToken");
    ok(as(fresh, "mutation { signOut(everywhere: true) }"));
    JsonPath mine = log(Map.of("actor", u));
    assertEquals(List.of("SIGN_OUT", "PASSWORD_CHANGED", "PASSWORD_CHANGE_FAILED", "SIGN_IN"),
        mine.getList("data.auditLog.entries.kind"), "changePassword opens the new session with no sign-in of its own");
    assertEquals(true, mine.getBoolean("data.auditLog.entries[0].details.everywhere"));
    assertEquals("WRONG_PASSWORD", mine.getString("data.auditLog.entries[2].details.reason"));
    assertFalse(mine.prettify().contains("a new password"));
  }

  @Test
  void apiKeysAreLoggedWithNameAndRoleNeverTheKey() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    String name = Gql.unique("erp");
    JsonPath created = ok(as(admin, "mutation { createApiKey(name: \"" + name + "\", role: \"sales\") { key apiKey { id } } }"));
    String key = created.getString("data.createApiKey.key");
    String id = created.getString("data.createApiKey.apiKey.id");
    ok(as(admin, "mutation { revokeApiKey(id: \"" + id + "\") }"));
    ok(as(admin, "mutation { revokeApiKey(id: \"" + id + "\") }"));
    JsonPath about = log(Map.of("subject", id));
    assertEquals(List.of("API_KEY_REVOKED", "API_KEY_CREATED"), about.getList("data.auditLog.entries.kind"),
        "a second revoke changes nothing and logs nothing");
    assertEquals(name, about.getString("data.auditLog.entries[1].details.name"));
    assertEquals("sales", about.getString("data.auditLog.entries[1].details.role"));
    assertEquals(Auth.ADMIN, about.getString("data.auditLog.entries[1].actor"));
    assertFalse(about.prettify().contains(key.substring(4)), "never the key");
  }

  @Test
  void aPublishIsLoggedWithWhatChangedAndRolesByNameAndAFailedOneLeavesNothing() {
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    String e = Gql.unique("ticket");
    String role = Gql.unique("agent");
    Map<String, Object> roleDef = Map.of("kind", "role", "name", role, "label", label("客服", "Agent"),
        "entities", Map.of(e, Map.of("read", true)));
    JsonPath first = publish(admin, List.of(entity(e, field("title", "text")), roleDef), false);
    int v1 = first.getInt("data.publishDefinitions.version");
    JsonPath event = log(Map.of("kinds", List.of("METADATA_PUBLISHED")));
    assertEquals(Auth.ADMIN, event.getString("data.auditLog.entries[0].actor"));
    assertEquals(String.valueOf(v1), event.getString("data.auditLog.entries[0].subject"));
    assertEquals(List.of(role), event.getList("data.auditLog.entries[0].details.rolesChanged"));
    assertTrue(event.getList("data.auditLog.entries[0].details.added").containsAll(List.of("entity:" + e, "role:" + role)));

    ok(as(admin, "mutation { create" + type(e) + "(input: {title: \"t\"}) { id } }"));
    String newest = event.getString("data.auditLog.entries[0].id");
    publish(admin, List.of(entity(e, field("title", "text"), field("code", "text", "required", true))), true);
    JsonPath refused = Auth.as(admin, "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(e, field("title", "text"), field("code", "text", "required", true)))));
    assertFalse(refused.getBoolean("data.publishDefinitions.applied"), "no default for the records without a code");
    assertEquals(newest, log(Map.of("kinds", List.of("METADATA_PUBLISHED", "METADATA_RESTORED")))
        .getString("data.auditLog.entries[0].id"), "a dry run and a failed publish log nothing");

    JsonPath second = publish(admin, List.of(entity(e, field("title", "text"), field("note", "text"))), false);
    JsonPath changed = log(Map.of("kinds", List.of("METADATA_PUBLISHED")));
    assertEquals(List.of("entity:" + e), changed.getList("data.auditLog.entries[0].details.changed"));
    assertEquals(List.of(), changed.getList("data.auditLog.entries[0].details.rolesChanged"));
    JsonPath restored = ok(as(admin, "mutation { restoreMetadataVersion(version: " + v1 + ") { applied version } }"));
    assertTrue(restored.getBoolean("data.restoreMetadataVersion.applied"));
    JsonPath rollback = log(Map.of("kinds", List.of("METADATA_RESTORED")));
    assertEquals(v1, rollback.getInt("data.auditLog.entries[0].details.restoredFrom"));
    assertEquals(restored.getInt("data.restoreMetadataVersion.version"), rollback.getInt("data.auditLog.entries[0].details.version"));
    assertTrue(second.getInt("data.publishDefinitions.version") < rollback.getInt("data.auditLog.entries[0].details.version"));
  }

  @Test
  void aPackInstallNamesThePackNextToTheVersion() {
    String e = Gql.unique("shelf");
    JsonNode def = MetamodelJson.mapper().valueToTree(entity(e, field("name", "text")));
    PublishResult r = metadata.installPack("probe", "1.2.0", List.of(def), new Actor("admin", "graphql"))
        .await().atMost(Duration.ofMinutes(1));
    assertTrue(r.applied(), r.problems().toString());
    JsonPath pack = log(Map.of("kinds", List.of("PACK_INSTALLED"), "subject", "probe"));
    assertEquals("1.2.0", pack.getString("data.auditLog.entries[0].details.packVersion"));
    assertEquals(r.version().intValue(), pack.getInt("data.auditLog.entries[0].details.version"));
    assertEquals("admin", pack.getString("data.auditLog.entries[0].actor"));
  }

  private static JsonPath publish(String admin, List<Map<String, Object>> defs, boolean dryRun) {
    JsonPath r = Auth.as(admin, "mutation P($d: [JSON!]!, $dry: Boolean) { publishDefinitions(definitions: $d, dryRun: $dry)"
        + " { applied version problems { path message } } }", Map.of("d", defs, "dry", dryRun));
    assertTrue(dryRun || r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return r;
  }

  /** The security log as the administrator reads it, newest first. */
  static JsonPath log(Map<String, Object> filter) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("f", filter);
    vars.put("first", 100);
    return ok(as(Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD), LOG, vars));
  }

  private static String type(String e) {
    return Character.toUpperCase(e.charAt(0)) + e.substring(1);
  }
}
