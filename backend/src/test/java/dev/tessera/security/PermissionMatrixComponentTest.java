package dev.tessera.security;

import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.ok;
import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The permission matrix: per seed, random roles (rights, scope own/team/all/expression, a level per
 * field) held in random combinations by three users, and every read path compared with a reference
 * model of what each user may see (a record when one of its roles reads it; a cell when one role both
 * reaches the record and shows the field): lists, by id, filters, sorting, aggregates, reference and
 * reverse traversal, and the "what may I do" answers; then writes attempted where the model says they
 * pass or fail. Every disagreement is a leak or a wrong refusal, collected and reported together.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PermissionMatrixComponentTest {
  static final String PASSWORD = "a good password";
  static final List<String> FIELDS = List.of("f1", "f2", "f3", "region");
  static final List<String> LEVELS = List.of("none", "read", "write");

  /** One generated role: rights on the entity, its scope, a level per field (absent: follows the entity). */
  record Role(String name, boolean create, boolean read, boolean update, boolean delete, String scope,
      Map<String, String> fields) {
    boolean reaches(Rec r, String user, Set<String> mates) {
      return switch (scope) {
        case "own" -> user.equals(r.owner);
        case "team" -> user.equals(r.owner) || mates.contains(r.owner);
        case "all" -> true;
        default -> "GD".equals(r.values.get("region"));
      };
    }

    String level(String field) {
      return fields.getOrDefault(field, create || update ? "write" : "read");
    }
  }

  record Rec(String id, String owner, Map<String, Object> values) {}

  record User(String name, String token, List<Role> roles, Set<String> mates) {
    boolean sees(Rec r) {
      return roles.stream().anyMatch(x -> x.read() && x.reaches(r, name, mates));
    }

    boolean seesCell(Rec r, String f) {
      return roles.stream().anyMatch(x -> x.read() && !x.level(f).equals("none") && x.reaches(r, name, mates));
    }

    boolean readsField(String f) {
      return roles.stream().anyMatch(x -> x.read() && !x.level(f).equals("none"));
    }

    boolean updates(Rec r, String f) {
      return sees(r) && seesCell(r, f)
          && roles.stream().anyMatch(x -> x.update() && x.level(f).equals("write") && x.reaches(r, name, mates));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 23, 37, 41, 59})
  void everyPathAgreesWithTheModel(long seed) {
    Random rnd = new Random(seed);
    String acct = Gql.unique("acct");
    String Acct = cap(acct);
    String note = Gql.unique("note");
    String Note = cap(note);
    Gql.publish(entity(acct, field("f1", "text"), field("f2", "text"), field("f3", "text"), field("region", "text")),
        entity(note, field("title", "text"), field("acct", "reference", "target", acct, "onDelete", "setNull")));
    List<Role> roles = new ArrayList<>();
    List<Object> defs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Role r = role(rnd, Gql.unique("r" + i));
      roles.add(r);
      Map<String, Object> rights = new LinkedHashMap<>();
      rights.put("create", r.create());
      rights.put("read", r.read());
      rights.put("update", r.update());
      rights.put("delete", r.delete());
      rights.put("scope", r.scope().equals("expression") ? Map.of("expression", "region == \"GD\"") : r.scope());
      rights.put("fields", r.fields());
      defs.add(Map.of("kind", "role", "name", r.name(), "label", Map.of("zh-CN", r.name(), "en", r.name()),
          "entities", Map.of(acct, rights, note, Map.of("create", true, "read", true, "update", true, "delete", true,
              "scope", "all"))));
    }
    Gql.publish(defs.toArray());
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    // three users, each with a random non-empty subset of the roles; the first two share a team
    List<String> names = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<List<Role>> held = new ArrayList<>();
    for (int u = 0; u < 3; u++) {
      List<Role> mine = new ArrayList<>();
      for (Role r : roles) {
        if (rnd.nextInt(3) == 0) {
          mine.add(r);
        }
      }
      if (mine.isEmpty()) {
        mine.add(roles.get(rnd.nextInt(roles.size())));
      }
      String name = Gql.unique("m" + u);
      String id = ok(as(admin, "mutation U($i: UserInput!) { createUser(input: $i) { id } }", Map.of("i",
          Map.of("username", name, "name", name, "roles", mine.stream().map(Role::name).toList()))))
          .getString("data.createUser.id");
      ok(as(admin, "mutation P($u: String!, $p: String!) { setUserPassword(username: $u, password: $p) }",
          Map.of("u", name, "p", PASSWORD)));
      names.add(name);
      ids.add(id);
      held.add(mine);
    }
    String team = ok(as(admin, "mutation { createTeam(input: {code: \"" + Gql.unique("t") + "\", name: \"t\"}) { id } }"))
        .getString("data.createTeam.id");
    for (int u = 0; u < 2; u++) {
      ok(as(admin, "mutation { createTeamMember(input: {team: \"" + team + "\", member: \"" + ids.get(u) + "\"}) { id } }"));
    }
    List<User> users = new ArrayList<>();
    for (int u = 0; u < 3; u++) {
      Set<String> mates = u < 2 ? Set.of(names.get(0), names.get(1)) : Set.of();
      users.add(new User(names.get(u), Auth.token(names.get(u), PASSWORD), held.get(u), mates));
    }
    // records: random owners (the three users and someone else) and regions, each with a note pointing at it
    List<Rec> recs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String owner = i % 4 == 3 ? "someoneelse" : names.get(rnd.nextInt(3));
      Map<String, Object> values = new LinkedHashMap<>();
      for (String f : FIELDS) {
        values.put(f, f.equals("region") ? (rnd.nextBoolean() ? "GD" : "ZJ") : f + "-" + rnd.nextInt(3));
      }
      Map<String, Object> input = new LinkedHashMap<>(values);
      input.put("ownerId", owner);
      String id = ok(as(admin, "mutation C($i: " + Acct + "Input!) { create" + Acct + "(input: $i) { id } }",
          Map.of("i", input))).getString("data.create" + Acct + ".id");
      ok(as(admin, "mutation { create" + Note + "(input: {title: \"n" + i + "\", acct: \"" + id + "\"}) { id } }"));
      recs.add(new Rec(id, owner, values));
    }

    List<String> leaks = new ArrayList<>();
    for (User u : users) {
      check(u, acct, note, recs, leaks);
    }
    assertEquals(List.of(), leaks, "seed " + seed + ", roles " + roles);
  }

  private static void check(User u, String acct, String note, List<Rec> recs, List<String> leaks) {
    String who = u.name() + " " + u.roles().stream().map(Role::name).toList() + ": ";
    Set<String> readable = new TreeSet<>();
    FIELDS.stream().filter(u::readsField).forEach(readable::add);
    String cells = readable.isEmpty() ? "" : " " + String.join(" ", readable);
    Map<String, Rec> byId = new HashMap<>();
    recs.forEach(r -> byId.put(r.id(), r));
    Set<String> expected = new TreeSet<>();
    recs.stream().filter(u::sees).forEach(r -> expected.add(r.id()));
    boolean entityReadable = u.roles().stream().anyMatch(Role::read);

    // 1. the list, and every cell in it
    JsonPath list = as(u.token(), "{ " + acct + "s(first: 100) { totalCount nodes { id ownerId" + cells + " } } }");
    if (!entityReadable) {
      if (list.get("errors") == null) {
        leaks.add(who + "an entity no role reads is in the schema");
      }
    } else {
      List<Map<String, Object>> nodes = list.getList("data." + acct + "s.nodes");
      Set<String> got = new TreeSet<>();
      nodes.forEach(n -> got.add((String) n.get("id")));
      if (!got.equals(expected)) {
        leaks.add(who + "list " + got + " != " + expected);
      }
      if (list.getInt("data." + acct + "s.totalCount") != expected.size()) {
        leaks.add(who + "totalCount " + list.getInt("data." + acct + "s.totalCount") + " != " + expected.size());
      }
      for (Map<String, Object> n : nodes) {
        cellsAgree(u, byId.get((String) n.get("id")), n, readable, who + "list ", leaks);
      }
      // 2. by id, each record
      for (Rec r : recs) {
        JsonPath one = as(u.token(), "{ " + acct + "(id: \"" + r.id() + "\") { id" + cells + " } }");
        Map<String, Object> n = one.get("data." + acct);
        if ((n != null) != u.sees(r)) {
          leaks.add(who + "byId " + r.id() + " shown=" + (n != null) + " model=" + u.sees(r));
        } else if (n != null) {
          cellsAgree(u, r, n, readable, who + "byId ", leaks);
        }
      }
      // 3. a filter and 4. an order on each field: only records where that field is readable take part
      for (String f : FIELDS) {
        String value = (String) recs.get(0).values().get(f);
        JsonPath filtered = as(u.token(), "{ " + acct + "s(first: 100, filter: {" + f + ": {eq: \"" + value + "\"}}) { nodes { id } } }");
        JsonPath ordered = as(u.token(), "{ " + acct + "s(first: 100, orderBy: [{" + f + ": ASC}]) { nodes { id } } }");
        if (!u.readsField(f)) {
          if (filtered.get("errors") == null || ordered.get("errors") == null) {
            leaks.add(who + "a field no role reads (" + f + ") can be filtered or sorted on");
          }
          continue;
        }
        Set<String> want = new TreeSet<>();
        Set<String> wantOrdered = new TreeSet<>();
        for (Rec r : recs) {
          if (u.sees(r) && u.seesCell(r, f)) {
            wantOrdered.add(r.id());
            if (value.equals(r.values().get(f))) {
              want.add(r.id());
            }
          }
        }
        Set<String> gotFiltered = new TreeSet<>(filtered.getList("data." + acct + "s.nodes.id"));
        if (!gotFiltered.equals(want)) {
          leaks.add(who + "filter " + f + "=" + value + " " + gotFiltered + " != " + want);
        }
        Set<String> gotOrdered = new TreeSet<>(ordered.getList("data." + acct + "s.nodes.id"));
        if (!gotOrdered.equals(wantOrdered)) {
          leaks.add(who + "orderBy " + f + " " + gotOrdered + " != " + wantOrdered);
        }
      }
      // 5. aggregates: the count, grouped by region where the region is readable
      JsonPath agg = as(u.token(), "{ " + acct + "sAggregate { count } }");
      if (agg.getInt("data." + acct + "sAggregate[0].count") != expected.size()) {
        leaks.add(who + "aggregate count " + agg.getInt("data." + acct + "sAggregate[0].count") + " != " + expected.size());
      }
      if (u.readsField("region")) {
        JsonPath groups = as(u.token(), "{ " + acct + "sAggregate(groupBy: [region]) { group { region } count } }");
        Map<String, Integer> gotGroups = new TreeMap<>();
        List<Map<String, Object>> rows = groups.getList("data." + acct + "sAggregate");
        rows.forEach(g -> gotGroups.put(String.valueOf(((Map<?, ?>) g.get("group")).get("region")), (Integer) g.get("count")));
        Map<String, Integer> want = new TreeMap<>();
        recs.stream().filter(r -> u.sees(r) && u.seesCell(r, "region"))
            .forEach(r -> want.merge((String) r.values().get("region"), 1, Integer::sum));
        if (!gotGroups.equals(want)) {
          leaks.add(who + "groupBy region " + gotGroups + " != " + want);
        }
      }
    }
    // 6. traversal: each note's reference, and the reverse list from the record
    JsonPath notes = as(u.token(), "{ " + note + "s(first: 100) { nodes { acctId acct { id" + cells + " } } } }");
    if (entityReadable && notes.get("errors") == null) {
      List<Map<String, Object>> nodes = notes.getList("data." + note + "s.nodes");
      for (Map<String, Object> n : nodes) {
        Rec r = byId.get((String) n.get("acctId"));
        if (r == null) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) n.get("acct");
        if ((target != null) != u.sees(r)) {
          leaks.add(who + "reference to " + r.id() + " shown=" + (target != null) + " model=" + u.sees(r));
        } else if (target != null) {
          cellsAgree(u, r, target, readable, who + "reference ", leaks);
        }
      }
    }
    // 7. "what may I do", per field and per record, against the model
    JsonPath mine = ok(as(u.token(), "{ myPermissions { entities { entity read fields { field read } } } }"));
    List<Map<String, Object>> entities = mine.getList("data.myPermissions.entities");
    for (Map<String, Object> e : entities) {
      if (!acct.equals(e.get("entity"))) {
        continue;
      }
      if (!e.get("read").equals(entityReadable)) {
        leaks.add(who + "myPermissions read " + e.get("read"));
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> fs = (List<Map<String, Object>>) e.get("fields");
      for (Map<String, Object> f : fs) {
        if (!f.get("read").equals(u.readsField((String) f.get("field")))) {
          leaks.add(who + "myPermissions field " + f);
        }
      }
    }
    for (Rec r : recs) {
      JsonPath rp = ok(as(u.token(), "{ recordPermissions(entity: \"" + acct + "\", id: \"" + r.id() + "\")"
          + " { read update fields { field read write } } }"));
      if (rp.getBoolean("data.recordPermissions.read") != u.sees(r)) {
        leaks.add(who + "recordPermissions read " + r.id());
      }
      List<Map<String, Object>> fs = rp.getList("data.recordPermissions.fields");
      for (Map<String, Object> f : fs) {
        String name = (String) f.get("field");
        if (!f.get("read").equals(u.sees(r) && u.seesCell(r, name)) || !f.get("write").equals(u.updates(r, name))) {
          leaks.add(who + "recordPermissions " + r.id() + " " + f);
        }
      }
    }
    // 8. writes: an update of each field of a few records passes exactly where the model (and the API) says
    for (Rec r : recs.subList(0, 4)) {
      for (String f : FIELDS) {
        JsonPath current = ok(as(Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD), "{ " + acct + "(id: \"" + r.id() + "\") { version } }"));
        int version = current.getInt("data." + acct + ".version");
        JsonPath w = as(u.token(), "mutation { update" + cap(acct) + "(id: \"" + r.id() + "\", version: " + version
            + ", patch: {" + f + ": \"" + r.values().get(f) + "x\"}) { id } }");
        boolean passed = w.get("errors") == null;
        if (passed != u.updates(r, f)) {
          leaks.add(who + "update " + r.id() + "." + f + " passed=" + passed + " model=" + u.updates(r, f) + " "
              + (passed ? "" : w.getString("errors[0].extensions.code")));
        }
        if (passed) {
          r.values().put(f, r.values().get(f) + "x");
        }
      }
    }
  }

  private static void cellsAgree(User u, Rec r, Map<String, Object> node, Set<String> asked, String where,
      List<String> leaks) {
    for (String f : asked) {
      boolean shown = node.get(f) != null;
      if (shown != u.seesCell(r, f)) {
        leaks.add(u.name() + " " + where + r.id() + "." + f + " shown=" + shown + " model=" + u.seesCell(r, f));
      }
    }
  }

  private static Role role(Random rnd, String name) {
    boolean create = rnd.nextBoolean();
    boolean update = rnd.nextBoolean();
    String[] scopes = {"own", "team", "all", "expression"};
    Map<String, String> fields = new LinkedHashMap<>();
    for (String f : FIELDS) {
      int k = rnd.nextInt(4);
      if (k < 3) {
        String level = LEVELS.get(k);
        fields.put(f, level.equals("write") && !create && !update ? "read" : level);
      }
    }
    return new Role(name, create, rnd.nextInt(5) != 0, update, rnd.nextBoolean(), scopes[rnd.nextInt(scopes.length)], fields);
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
