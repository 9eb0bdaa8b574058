package dev.tessera.security;

import static dev.tessera.security.PolicyFixtures.FIELDS;
import static dev.tessera.security.PolicyFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.DataRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random policies against a reference model written straight from the rule "a cell is visible
 * when one role grants both its record and its field": random roles (rights, scopes own/team/all or a
 * random expression, field levels) held together by a random viewer, over random records with blanks,
 * for every record, field and action. The compiled policy's filters, tested per record with the
 * database's semantics ({@link RowMatcher}), must give exactly the reference answer: 0 differences.
 * A failure names its seed; rerun that seed alone to debug.
 */
class PolicyPropertyTest {
  static final List<String> USERS = List.of("u1", "u2", "u3", "u4");
  static final List<String> REGIONS = List.of("GD", "ZJ", "SH");
  static final Map<String, Set<String>> TEAM_MATES = Map.of("u1", Set.of("u2"), "u2", Set.of("u1", "u3"),
      "u3", Set.of(), "u4", Set.of("u1", "u2", "u3"));

  static Stream<Long> seeds() {
    return Stream.iterate(20261207L, s -> s + 7919).limit(300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theCompiledPolicyAnswersLikeTheReferenceModel(long seed) {
    Random random = new Random(seed);
    List<RandomRole> roles = randomRoles(random);
    MetadataSnapshot snapshot = PolicyFixtures.snapshot(roles.stream().<com.fasterxml.jackson.databind.JsonNode>map(r -> r.json("lead")).toList());
    EntityDefinition lead = snapshot.entity("lead");
    Viewer viewer = randomViewer(random);
    EntityPolicy policy = PolicyCompiler.compile(roles.stream().map(RandomRole::name).toList(), snapshot).entity("lead");
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      DataRecord r = randomRecord(random);
      for (Action action : Action.values()) {
        check(differences, action + " row", reference(roles, viewer, r, action, null),
            RowMatcher.matches(policy.rows(action).filter(lead, viewer), r), r);
        for (String f : FIELDS) {
          check(differences, action + " " + f, reference(roles, viewer, r, action, f),
              RowMatcher.matches(policy.field(f, action).filter(lead, viewer), r), r);
        }
      }
      List<String> used = FIELDS.subList(0, random.nextInt(FIELDS.size()));
      boolean allReadable = reference(roles, viewer, r, Action.READ, null)
          && used.stream().allMatch(f -> reference(roles, viewer, r, Action.READ, f));
      check(differences, "filter on " + used, allReadable,
          RowMatcher.matches(policy.readableWhere(used, lead, viewer), r), r);
    }
    assertEquals(List.of(), differences, "seed " + seed + ", viewer " + viewer + ", roles " + roles);
  }

  static List<RandomRole> randomRoles(Random random) {
    List<RandomRole> roles = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      roles.add(RandomRole.generate("r" + i, random));
    }
    return roles;
  }

  static Viewer randomViewer(Random random) {
    String me = USERS.get(random.nextInt(USERS.size()));
    Map<String, Object> user = new HashMap<>();
    if (random.nextInt(4) > 0) {
      user.put("regions", REGIONS.subList(0, random.nextInt(REGIONS.size() + 1)));
    }
    return new Viewer(me, TEAM_MATES.get(me), user);
  }

  private static void check(List<String> out, String what, boolean expected, boolean actual, DataRecord r) {
    if (expected != actual) {
      out.add(what + ": expected " + expected + " on " + r.ownerId() + " " + r.data());
    }
  }

  /** The rule itself: some role grants the action (and the field at the level it needs) and reaches the record. */
  private static boolean reference(List<RandomRole> roles, Viewer viewer, DataRecord r, Action action, String field) {
    for (RandomRole role : roles) {
      boolean grants = role.rights.contains(action)
          && (field == null || action == Action.DELETE || role.level(field, action).ordinal() >= needed(action).ordinal());
      if (grants && Boolean.TRUE.equals(role.scope.test(r, viewer))) {
        return true;
      }
    }
    return false;
  }

  private static RandomRole.Level needed(Action action) {
    return action == Action.READ ? RandomRole.Level.READ : RandomRole.Level.WRITE;
  }

  static DataRecord randomRecord(Random random) {
    return record(randomOwner(random), randomData(random));
  }

  static String randomOwner(Random random) {
    return random.nextInt(8) == 0 ? null : USERS.get(random.nextInt(USERS.size()));
  }

  static Map<String, Object> randomData(Random random) {
    Map<String, Object> data = new HashMap<>();
    maybe(random, data, "name", "n" + random.nextInt(5));
    maybe(random, data, "phone", "1380000000" + random.nextInt(10));
    maybe(random, data, "region", REGIONS.get(random.nextInt(REGIONS.size())));
    maybe(random, data, "budget", new BigDecimal(List.of("0", "50", "100", "150.5").get(random.nextInt(4))));
    maybe(random, data, "hot", random.nextBoolean());
    return data;
  }

  private static void maybe(Random random, Map<String, Object> data, String field, Object value) {
    if (random.nextInt(5) > 0) {
      data.put(field, value);
    }
  }

  /** A random role: rights, a scope with its own evaluator, and a level per field (absent: follows the rights). */
  record RandomRole(String name, Set<Action> rights, RandomScope scope, Map<String, Level> fields) {
    enum Level { NONE, READ, WRITE }

    static RandomRole generate(String name, Random random) {
      Set<Action> rights = new LinkedHashSet<>();
      for (Action a : Action.values()) {
        if (random.nextInt(3) > 0) {
          rights.add(a);
        }
      }
      boolean writes = rights.contains(Action.CREATE) || rights.contains(Action.UPDATE);
      Map<String, Level> fields = new HashMap<>();
      for (String f : FIELDS) {
        int pick = random.nextInt(4);
        if (pick < 3 && (pick < 2 || writes)) {
          fields.put(f, Level.values()[pick]);
        }
      }
      return new RandomRole(name, rights, RandomScope.generate(random, 0), fields);
    }

    Level level(String field, Action action) {
      Level listed = fields.get(field);
      if (listed != null) {
        return listed;
      }
      return rights.contains(Action.CREATE) || rights.contains(Action.UPDATE) ? Level.WRITE : Level.READ;
    }

    /** The role's definition, granting its rights on {@code entity}. */
    ObjectNode json(String entity) {
      ObjectNode r = PolicyFixtures.role(name);
      ObjectNode lead = ((ObjectNode) r.get("entities")).putObject(entity);
      for (Action a : rights) {
        lead.put(a.name().toLowerCase(java.util.Locale.ROOT), true);
      }
      scope.write(lead);
      ObjectNode f = lead.putObject("fields");
      fields.forEach((k, v) -> f.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
      return r;
    }

    @Override
    public String toString() {
      return name + rights + " " + scope + " " + fields;
    }
  }
}
