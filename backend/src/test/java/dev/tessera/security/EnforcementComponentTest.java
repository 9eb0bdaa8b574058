package dev.tessera.security;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.ok;
import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roles enforced below GraphQL, seen through the API by signed-in users: record scope on lists, ids,
 * counts and aggregates; hidden cells; writes refused naming the field; records out of scope as if
 * they did not exist; and the case NocoBase documents, where combining two roles must not reveal a
 * cell neither role shows.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class EnforcementComponentTest {
  static final String PASSWORD = "a good password";
  static String deal;
  static String Deal;
  static String own;
  static String all;
  static String alice;
  static String bob;
  static String carol;
  static String admin;
  static Map<String, String> ids = new java.util.HashMap<>();

  @BeforeEach
  void setUp() {
    if (deal != null) {
      return;
    }
    deal = Gql.unique("deal");
    Deal = Character.toUpperCase(deal.charAt(0)) + deal.substring(1);
    own = Gql.unique("own");
    all = Gql.unique("all");
    String ownPhone = Gql.unique("ownphone");
    Gql.publish(entity(deal, field("name", "text", "required", true), field("phone", "phone"),
        field("amount", "number"), field("region", "text")));
    pool = Gql.unique("dealpool");
    Gql.publish(Map.of("kind", "pool", "name", pool, "label", Map.of("zh-CN", "公海", "en", "Pool"), "entity", deal));
    Gql.publish(Map.of("kind", "matchingRule", "name", Gql.unique("same"), "label", Map.of("zh-CN", "重名", "en", "Same name"),
        "entity", deal, "action", "warn", "threshold", 1, "criteria", List.of(Map.of("field", "name", "match", "exact"))));
    // own: full rights on own deals, phone hidden, amount read-only, no delete
    Gql.publish(role(own, Map.of(deal, Map.of("create", true, "read", true, "update", true, "delete", false, "scope", "own",
        "fields", Map.of("phone", "none", "amount", "read")))));
    // all: reads every deal, all fields but the phone, writes nothing
    Gql.publish(role(all, Map.of(deal, Map.of("create", false, "read", true, "update", false, "delete", false,
        "scope", "all", "fields", Map.of("phone", "none")))));
    // ownPhone: reads own deals, phone included
    Gql.publish(role(ownPhone, Map.of(deal, Map.of("create", false, "read", true, "update", false, "delete", false,
        "scope", "own", "fields", Map.of("phone", "read")))));
    admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    alice = user("alice", List.of(own));
    bob = user("bob", List.of(all, ownPhone));
    carol = user("carol", List.of());
    for (String owner : List.of(alice, bob)) {
      for (int i = 0; i < 3; i++) {
        String id = ok(as(admin, "mutation C($i: " + Deal + "Input!) { create" + Deal + "(input: $i) { id } }",
            Map.of("i", Map.of("name", owner + i, "phone", "1380013800" + i, "amount", 10 * (i + 1), "region", "GD",
                "ownerId", owner)))).getString("data.create" + Deal + ".id");
        ids.put(owner + i, id);
      }
    }
  }

  static String pool;

  @io.quarkus.test.common.http.TestHTTPResource("/graphql")
  java.net.URI http;

  static Map<String, Object> role(String name, Map<String, Object> entities) {
    return Map.of("kind", "role", "name", name, "label", Map.of("zh-CN", name, "en", name), "entities", entities);
  }

  /** A user holding {@code roles}, signed in: its username is the key of {@link #tokens}. */
  static String user(String base, List<String> roles) {
    String username = Gql.unique(base);
    ok(as(admin, "mutation U($i: UserInput!) { createUser(input: $i) { id } }",
        Map.of("i", Map.of("username", username, "name", username, "roles", roles))));
    ok(as(admin, "mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
        Map.of("u", username, "p", PASSWORD)));
    tokens.put(username, Auth.token(username, PASSWORD));
    return username;
  }

  static Map<String, String> tokens = new java.util.HashMap<>();

  static JsonPath q(String user, String query) {
    return as(tokens.get(user), query);
  }

  @Test
  void aScopedRoleSeesItsOwnRecordsWithoutHiddenCellsEverywhere() {
    JsonPath list = ok(q(alice, "{ " + deal + "s(first: 100) { totalCount nodes { id name amount ownerId } } }"));
    List<Map<String, Object>> nodes = list.getList("data." + deal + "s.nodes");
    Set<Object> seen = new HashSet<>();
    double sum = 0;
    for (Map<String, Object> n : nodes) {
      assertEquals(alice, n.get("ownerId"), "her own deals only: " + n);
      seen.add(n.get("id"));
      sum += n.get("amount") == null ? 0 : Double.parseDouble(String.valueOf(n.get("amount")));
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(seen.contains(ids.get(alice + i)), list.prettify());
    }
    assertEquals(nodes.size(), list.getInt("data." + deal + "s.totalCount"));
    assertNull(ok(q(alice, "{ " + deal + "(id: \"" + ids.get(bob + "0") + "\") { id } }")).get("data." + deal),
        "another's record does not exist for her");
    JsonPath agg = ok(q(alice, "{ " + deal + "sAggregate { count sum { amount } } }"));
    assertEquals(nodes.size(), agg.getInt("data." + deal + "sAggregate[0].count"), agg.prettify());
    assertEquals(sum, agg.getDouble("data." + deal + "sAggregate[0].sum.amount"), 0.001);
    // filtering on the hidden phone matches nothing: its value cannot be inferred
    JsonPath probe = q(alice, "{ " + deal + "s(first: 10, filter: {phone: {eq: \"+8613800138000\"}}) { totalCount } }");
    assertTrue(probe.get("errors") != null || probe.getInt("data." + deal + "s.totalCount") == 0, probe.prettify());
  }

  @Test
  void writesAreRefusedNamingTheFieldAndOutOfScopeRecordsDoNotExist() {
    JsonPath phone = q(alice, "mutation { create" + Deal + "(input: {name: \"x\", phone: \"13900001111\"}) { id } }");
    assertTrue(phone.getString("errors[0].message").contains("phone"), "a hidden field is unknown: " + phone.prettify());
    JsonPath amount = q(alice, "mutation { create" + Deal + "(input: {name: \"x\", amount: 5}) { id } }");
    assertEquals("amount", amount.getString("errors[0].extensions.field"), amount.prettify());
    JsonPath other = q(alice, "mutation { create" + Deal + "(input: {name: \"x\", ownerId: \"" + bob + "\"}) { id } }");
    assertEquals("FORBIDDEN", other.getString("errors[0].extensions.code"), other.prettify());
    JsonPath created = ok(q(alice, "mutation { create" + Deal + "(input: {name: \"mine\", region: \"ZJ\"}) { id ownerId } }"));
    assertEquals(alice, created.getString("data.create" + Deal + ".ownerId"));

    String bobs = ids.get(bob + "1");
    JsonPath upd = q(alice, "mutation { update" + Deal + "(id: \"" + bobs + "\", version: 1, patch: {name: \"y\"}) { id } }");
    assertEquals("NOT_FOUND", upd.getString("errors[0].extensions.code"), upd.prettify());
    JsonPath del = q(alice, "mutation { delete" + Deal + "(id: \"" + bobs + "\") { id } }");
    assertTrue(del.getString("errors[0].message").contains("delete" + Deal), "no role of hers deletes: not in her schema "
        + del.prettify());
    String hers = ids.get(alice + "1");
    JsonPath ro = q(alice, "mutation { update" + Deal + "(id: \"" + hers + "\", version: 1, patch: {amount: 999}) { id } }");
    assertEquals("FORBIDDEN", ro.getString("errors[0].extensions.code"), ro.prettify());
    assertEquals("amount", ro.getString("errors[0].extensions.field"));
    JsonPath hidden = q(alice, "mutation { update" + Deal + "(id: \"" + hers + "\", version: 1, patch: {phone: \"13800138001\"}) { id } }");
    assertTrue(hidden.getString("errors[0].message").contains("phone"), "a hidden field is refused even with its own value");
    JsonPath restore = q(alice, "mutation { restore" + Deal + "(id: \"" + hers + "\") { id } }");
    assertTrue(restore.get("errors") != null, restore.prettify());
    ok(q(alice, "mutation { update" + Deal + "(id: \"" + hers + "\", version: 1, patch: {region: \"SH\", amount: 20}) { id } }"));
    JsonPath nothing = q(carol, "{ " + deal + "s(first: 10) { totalCount } }");
    assertTrue(nothing.getString("errors[0].message").contains(deal + "s"), "no role, no list at all: " + nothing.prettify());
    JsonPath zh = Auth.call("Bearer " + tokens.get(alice), "zh-CN",
        "mutation { create" + Deal + "(input: {name: \"x\", amount: 3}) { id } }", Map.of()).jsonPath();
    assertTrue(zh.getString("errors[0].message").contains("不能"), zh.prettify());
  }

  @Test
  void aFieldNoRoleShowsIsNotInTheCallersSchemaAndCapabilitiesGuardMetadata() {
    JsonPath type = ok(q(alice, "{ __type(name: \"" + Deal + "\") { fields { name } } }"));
    List<String> fields = type.getList("data.__type.fields.name");
    assertFalse(fields.contains("phone"), "hidden from introspection: " + fields);
    assertTrue(fields.contains("amount") && fields.contains("region"), fields.toString());
    JsonPath asked = q(alice, "{ " + deal + "s(first: 1) { nodes { phone } } }");
    assertTrue(asked.getString("errors[0].message").contains("phone"), "refused as unknown: " + asked.prettify());
    JsonPath sorted = q(alice, "{ " + deal + "s(first: 1, orderBy: [{phone: ASC}]) { nodes { id } } }");
    assertTrue(sorted.get("errors") != null, "sorting on it is refused too: " + sorted.prettify());
    List<String> adminFields = ok(as(admin, "{ __type(name: \"" + Deal + "\") { fields { name } } }"))
        .getList("data.__type.fields.name");
    assertTrue(adminFields.contains("phone"), "the administrator sees the whole schema");
    JsonPath none = q(carol, "{ __schema { queryType { fields { name } } } }");
    assertFalse(none.getList("data.__schema.queryType.fields.name").contains(deal + "s"), "no role: no list at all");

    JsonPath publish = q(alice, "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }");
    assertEquals("FORBIDDEN", publish.getString("errors[0].extensions.code"), publish.prettify());
    assertTrue(publish.getString("errors[0].message").contains("publishMetadata"), publish.prettify());

    JsonPath mine = ok(q(alice, "{ myPermissions { roles admin entities { entity create read update delete"
        + " fields { field read write } } } }"));
    List<Map<String, Object>> entities = mine.getList("data.myPermissions.entities");
    Map<String, Object> d = entities.stream().filter(e -> deal.equals(e.get("entity"))).findFirst().orElseThrow();
    assertEquals(true, d.get("create"));
    assertEquals(false, d.get("delete"));
    assertTrue(d.get("fields").toString().contains("{field=phone, read=false, write=false}"), d.toString());
    assertTrue(d.get("fields").toString().contains("{field=amount, read=true, write=false}"), d.toString());
    JsonPath rp = ok(q(alice, "{ recordPermissions(entity: \"" + deal + "\", id: \"" + ids.get(alice + "2") + "\")"
        + " { read update delete fields { field read write } } }"));
    assertEquals(true, rp.getBoolean("data.recordPermissions.update"));
    JsonPath other = ok(q(alice, "{ recordPermissions(entity: \"" + deal + "\", id: \"" + ids.get(bob + "2") + "\") { read update } }"));
    assertEquals(false, other.getBoolean("data.recordPermissions.read"));
  }

  @Test
  void aDuplicateTheCallerMayNotReadIsToldWithItsOwnerButNotItsValues() {
    String query = "query Q($e: String!, $d: JSON!) { duplicateCandidates(entity: $e, data: $d) { id ownerId record { id } } }";
    JsonPath other = ok(as(tokens.get(alice), query, Map.of("e", deal, "d", Map.of("name", bob + "0"))));
    assertEquals(ids.get(bob + "0"), other.getString("data.duplicateCandidates[0].id"), other.prettify());
    assertEquals(bob, other.getString("data.duplicateCandidates[0].ownerId"));
    assertNull(other.get("data.duplicateCandidates[0].record"), "its values stay hidden");
    JsonPath hers = ok(as(tokens.get(alice), query, Map.of("e", deal, "d", Map.of("name", alice + "0"))));
    assertEquals(ids.get(alice + "0"), hers.getString("data.duplicateCandidates[0].record.id"), hers.prettify());
    JsonPath warned = ok(as(tokens.get(alice), "mutation C($i: " + Deal + "Input!) { create" + Deal + "(input: $i) { id } }",
        Map.of("i", Map.of("name", bob + "1"))));
    String said = warned.prettify();
    assertTrue(said.contains("a record you may not see"), said);
  }

  @Test
  void aPoolShowsItsRecordsAsTheMemberWouldSeeThemOnceClaimed() {
    // bob releases one of his deals to the pool: unowned, no "own" scope reaches it, yet the pool shows it
    String id = ids.get(bob + "2");
    ok(q(bob, "{ " + deal + "(id: \"" + id + "\") { id } }"));
    JsonPath released = as(admin, "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }");
    assertTrue(released.get("errors") != null, "only the owner releases");
    ok(as(Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD), "mutation { update" + Deal + "(id: \"" + id + "\", version: 1,"
        + " patch: {ownerId: \"" + alice + "\"}) { id } }"));
    ok(q(alice, "mutation { releaseRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id } }"));
    JsonPath listed = ok(q(alice, "{ poolRecords(pool: \"" + pool + "\") { id values record { ... on " + Deal + " { name amount } } } }"));
    assertEquals(List.of(id), listed.getList("data.poolRecords.id"), listed.prettify());
    assertFalse(listed.prettify().contains("+86138"), "the phone, hidden for her role, is not in the values either");
    JsonPath claimed = ok(q(alice, "mutation { claimRecord(pool: \"" + pool + "\", id: \"" + id + "\") { id ownerId } }"));
    assertEquals(alice, claimed.getString("data.claimRecord.ownerId"));
    assertEquals(id, ok(q(alice, "{ " + deal + "(id: \"" + id + "\") { id } }")).getString("data." + deal + ".id"));
  }

  @Test
  void aSubscriberHearsOfTheRecordsItMayReadOnlyWithoutHiddenFields() throws Exception {
    dev.tessera.support.SocketClient c = dev.tessera.support.SocketClient.open(http, null);
    c.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + tokens.get(alice))));
    assertEquals("connection_ack", c.next().getString("type"));
    c.subscribe("s", "subscription S($e: String!) { recordChanged(entity: $e, filter: {operations: [\"CREATE\"]}) {"
        + " recordId ownerAfter changes } }", Map.of("e", deal));
    Thread.sleep(500);
    for (String owner : List.of(bob, alice)) {
      ok(as(admin, "mutation C($i: " + Deal + "Input!) { create" + Deal + "(input: $i) { id } }",
          Map.of("i", Map.of("name", "live " + owner, "phone", "13900139000", "ownerId", owner))));
    }
    io.vertx.core.json.JsonObject m = c.next();
    assertEquals("next", m.getString("type"), m.encode());
    assertTrue(m.getJsonObject("payload").getJsonObject("data") != null, m.encode());
    io.vertx.core.json.JsonObject change = m.getJsonObject("payload").getJsonObject("data").getJsonObject("recordChanged");
    assertEquals(alice, change.getString("ownerAfter"), "bob's deal never reaches her: " + m.encode());
    assertTrue(change.getJsonObject("changes").containsKey("name"), m.encode());
    assertFalse(change.getJsonObject("changes").containsKey("phone"), "the hidden phone is left out: " + m.encode());
    c.socket.sendClose(1000, "done").join();
  }

  @Test
  void twoRolesNeverShowACellNeitherShows() {
    // bob: "all" (every deal, phone hidden) + "ownPhone" (own deals, phone shown): NocoBase's union of
    // rows and columns would show him every phone; he sees the phone of his own deals only
    JsonPath list = ok(q(bob, "{ " + deal + "s(first: 100) { nodes { name phone ownerId } } }"));
    List<Map<String, Object>> nodes = list.getList("data." + deal + "s.nodes");
    Set<Object> owners = new HashSet<>();
    nodes.forEach(n -> owners.add(n.get("ownerId")));
    assertTrue(owners.containsAll(List.of(alice, bob)), list.prettify());
    for (Map<String, Object> n : nodes) {
      assertEquals(bob.equals(n.get("ownerId")), n.get("phone") != null, "phone shown on his own deals only: " + n);
    }
    // and filtering on the phone only ever matches his own deals
    JsonPath probe = ok(q(bob, "{ " + deal + "s(first: 100, filter: {phone: {eq: \"+8613800138000\"}}) { nodes { ownerId } } }"));
    assertEquals(List.of(bob), probe.getList("data." + deal + "s.nodes.ownerId"), probe.prettify());
  }
}
