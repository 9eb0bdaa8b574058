package dev.tessera.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roles publish through {@code publishDefinitions} with the entities they grant rights on, read back
 * from {@code definitions(kind: "role")} with a stable id and into the typed snapshot, and a refused
 * publish (a field the entity lacks, a scope that is no query, an unknown capability, the name
 * {@code admin}) changes nothing: neither the role nor the version.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class RoleDefinitionsComponentTest {
  private static final String PUBLISH = "mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) "
      + "{ applied version problems { code path message } } }";

  @Inject
  MetadataRegistry registry;

  @Test
  void aRolePublishesAndReadsBack() {
    String s = Gql.unique("r").substring(1);
    JsonPath r = Gql.ok(PUBLISH, Map.of("d", List.of(customer(s), role(s, "phone", "owner == currentUser || province == 'GD'"))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());

    Map<String, Object> role = published(s);
    assertTrue(String.valueOf(role.get("id")).startsWith("role_"), role.toString());
    assertEquals(Map.of("create", true, "read", true, "update", true, "delete", false,
        "scope", Map.of("expression", "owner == currentUser || province == 'GD'"),
        "fields", Map.of("phone", "none", "annualSpend", "read")), ((Map<?, ?>) role.get("entities")).get("customer" + s));

    RoleDefinition typed = registry.current().named(RoleDefinition.class, "sales" + s).orElseThrow();
    assertEquals(RoleDefinition.FieldAccess.NONE, typed.entities().get("customer" + s).field("phone"));
    assertTrue(typed.grants(RoleDefinition.Capability.MANAGE_POOLS));

    JsonPath again = Gql.ok(PUBLISH, Map.of("d", List.of(role(s, "phone", "owner == currentUser"))));
    assertTrue(again.getBoolean("data.publishDefinitions.applied"), again.prettify());
    assertEquals(role.get("id"), published(s).get("id"), "the id stays across publishes");
  }

  @Test
  void aRefusedPublishChangesNothing() {
    String s = Gql.unique("q").substring(1);
    assertTrue(Gql.ok(PUBLISH, Map.of("d", List.of(customer(s), role(s, "phone", "owner == currentUser"))))
        .getBoolean("data.publishDefinitions.applied"));
    Map<String, Object> before = published(s);
    int version = Gql.ok("{ metadataVersion }").getInt("data.metadataVersion");

    assertEquals(List.of("INVALID_OPTION@$[0].entities.customer" + s + ".fields.mobile"),
        problems(Gql.ok(PUBLISH, Map.of("d", List.of(role(s, "mobile", "owner == currentUser"))))));
    JsonPath notAQuery = Gql.ok(PUBLISH, Map.of("d", List.of(role(s, "phone", "daysSince(createdAt) < 7"))));
    assertEquals(List.of("INVALID_EXPRESSION@$[0].entities.customer" + s + ".scope.expression"), problems(notAQuery));
    assertTrue(notAQuery.getString("data.publishDefinitions.problems[0].message").contains("daysSince"), notAQuery.prettify());
    Map<String, Object> badCapability = new java.util.LinkedHashMap<>(role(s, "phone", "owner == currentUser"));
    badCapability.put("capabilities", List.of("managePools", "dropDatabase"));
    assertEquals(List.of("INVALID_VALUE@$[0].capabilities[1]"), problems(Gql.ok(PUBLISH, Map.of("d", List.of(badCapability)))));
    Map<String, Object> admin = new java.util.LinkedHashMap<>(role(s, "phone", "owner == currentUser"));
    admin.put("name", "admin");
    assertEquals(List.of("RESERVED_NAME@$[0].name"), problems(Gql.ok(PUBLISH, Map.of("d", List.of(admin)))));

    assertEquals(version, Gql.ok("{ metadataVersion }").getInt("data.metadataVersion"));
    assertEquals(before, published(s));
    assertTrue(registry.current().named(RoleDefinition.class, "admin").isEmpty());
  }

  private static Map<String, Object> customer(String s) {
    return Map.of("kind", "entity", "name", "customer" + s, "label", label("客户", "Customer"), "fields", List.of(
        field("name", "text"), field("phone", "phone"), field("province", "text"), field("annualSpend", "money")));
  }

  private static Map<String, Object> role(String s, String hidden, String scope) {
    return Map.of("kind", "role", "name", "sales" + s, "label", label("销售", "Sales"), "capabilities", List.of("managePools"),
        "entities", Map.of("customer" + s, Map.of("create", true, "read", true, "update", true, "delete", false,
            "scope", Map.of("expression", scope), "fields", Map.of(hidden, "none", "annualSpend", "read"))));
  }

  private static Map<String, Object> published(String s) {
    List<Map<String, Object>> roles = Gql.ok("{ definitions(kind: \"role\") }").getList("data.definitions");
    return roles.stream().filter(f -> ("sales" + s).equals(f.get("name"))).findFirst().orElseThrow();
  }

  private static List<String> problems(JsonPath r) {
    assertFalse(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return r.getList("data.publishDefinitions.problems", Map.class).stream().map(p -> p.get("code") + "@" + p.get("path")).toList();
  }

  private static Map<String, Object> field(String name, String type) {
    return Map.of("name", name, "type", type, "label", label(name, name));
  }

  private static Map<String, String> label(String zh, String en) {
    return Map.of("zh-CN", zh, "en", en);
  }
}
