package dev.tessera.security;

import static dev.tessera.security.PolicyFixtures.json;
import static dev.tessera.security.PolicyFixtures.record;
import static dev.tessera.security.PolicyFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import dev.tessera.record.DataRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compiling roles: the union-leak case NocoBase documents (one role sees every record but not the
 * phone, another the phone but only its own records: together they must not show the phone of others'
 * records), fields not listed following the entity, admin, capabilities, unknown roles, and the cache.
 */
class PolicyCompilerTest {
  private static final JsonNode A = json("""
      {"kind": "role", "name": "allButPhone", "label": {"zh-CN": "甲", "en": "A"},
       "entities": {"lead": {"read": true, "scope": "all", "fields": {"phone": "none"}}}}
      """);
  private static final JsonNode B = json("""
      {"kind": "role", "name": "ownWithPhone", "label": {"zh-CN": "乙", "en": "B"},
       "entities": {"lead": {"read": true, "update": true, "scope": "own", "fields": {"phone": "write", "budget": "read"}}},
       "capabilities": ["managePools"]}
      """);
  private static final MetadataSnapshot SNAPSHOT = snapshot(List.of(A, B));
  private static final EntityDefinition LEAD = SNAPSHOT.entity("lead");
  private static final Viewer ME = new Viewer("me", Set.of(), Map.of());
  private static final DataRecord MINE = record("me", Map.of("name", "甲", "phone", "13800000000"));
  private static final DataRecord THEIRS = record("other", Map.of("name", "乙", "phone", "13900000000"));

  @Test
  void twoRolesTogetherNeverShowACellNeitherShowsAlone() {
    EntityPolicy both = PolicyCompiler.compile(List.of("allButPhone", "ownWithPhone"), SNAPSHOT).entity("lead");
    assertTrue(sees(both.rows(Action.READ), MINE) && sees(both.rows(Action.READ), THEIRS), "every record is readable");
    assertTrue(sees(both.field("name", Action.READ), THEIRS));
    assertTrue(sees(both.field("phone", Action.READ), MINE), "the phone of my own records");
    assertFalse(sees(both.field("phone", Action.READ), THEIRS), "not the phone of others' records");
    assertFalse(sees(both.readableWhere(List.of("phone"), LEAD, ME), THEIRS), "filtering on phone skips others' records");
    assertTrue(sees(both.readableWhere(List.of("phone"), LEAD, ME), MINE));
  }

  @Test
  void aFieldNotListedFollowsTheEntity() {
    EntityPolicy b = PolicyCompiler.compile(List.of("ownWithPhone"), SNAPSHOT).entity("lead");
    assertTrue(sees(b.field("name", Action.UPDATE), MINE), "the role updates, so an unlisted field is writable");
    assertFalse(sees(b.field("budget", Action.UPDATE), MINE), "listed as read");
    assertTrue(sees(b.field("budget", Action.READ), MINE));
    assertFalse(b.may(Action.CREATE));
    assertFalse(b.may(Action.DELETE));
    EntityPolicy a = PolicyCompiler.compile(List.of("allButPhone"), SNAPSHOT).entity("lead");
    assertTrue(a.field("name", Action.UPDATE).isNone(), "a read-only role writes nothing");
    assertEquals(Set.of("budget", "hot", "name", "region"), a.readableFields());
    assertTrue(sees(a.field("ownerId", Action.READ), THEIRS), "system columns follow the record");
  }

  @Test
  void adminGrantsEverythingAndUnknownRolesNothing() {
    Policy admin = PolicyCompiler.compile(List.of("admin"), SNAPSHOT);
    assertTrue(admin.admin());
    assertTrue(admin.entity("lead").field("phone", Action.UPDATE).isAll());
    assertTrue(admin.entity("user").rows(Action.DELETE).isAll());
    assertTrue(admin.has(Capability.PUBLISH_METADATA));
    Policy nobody = PolicyCompiler.compile(List.of("ghost"), SNAPSHOT);
    for (Action action : Action.values()) {
      assertFalse(nobody.entity("lead").may(action));
    }
    assertFalse(nobody.has(Capability.MANAGE_POOLS));
    assertTrue(PolicyCompiler.compile(List.of("ownWithPhone"), SNAPSHOT).has(Capability.MANAGE_POOLS));
    assertFalse(PolicyCompiler.compile(List.of("ownWithPhone"), SNAPSHOT).has(Capability.MANAGE_USERS));
    assertFalse(PolicyCompiler.compile(List.of("ownWithPhone"), SNAPSHOT).entity("user").may(Action.READ));
  }

  @Test
  void policiesAreCachedPerRoleSetAndSnapshot() {
    PolicyCache cache = new PolicyCache();
    Policy p = cache.policy(List.of("ownWithPhone", "allButPhone"), SNAPSHOT);
    assertSame(p, cache.policy(List.of("allButPhone", "ownWithPhone", "allButPhone"), SNAPSHOT));
    assertEquals(List.of("allButPhone", "ownWithPhone"), List.copyOf(p.roles()));
    MetadataSnapshot next = SNAPSHOT.withVersion(2);
    Policy again = cache.policy(List.of("allButPhone", "ownWithPhone"), next);
    assertTrue(again != p && again.version() == 2, "another metadata version compiles again");
  }

  private static boolean sees(Rows rows, DataRecord r) {
    return RowMatcher.matches(rows.filter(LEAD, ME), r);
  }

  private static boolean sees(dev.tessera.record.Filter f, DataRecord r) {
    return RowMatcher.matches(f, r);
  }
}
