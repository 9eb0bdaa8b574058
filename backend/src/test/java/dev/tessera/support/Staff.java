package dev.tessera.support;

import java.util.List;

/** Creates users and teams (the built-in entities) for tests, through GraphQL. */
public final class Staff {
  private Staff() {}

  /** Publishes the built-in user and team entities when nothing has been published yet (a no-op otherwise). */
  public static void builtIns() {
    Gql.ok("mutation { publishDefinitions(definitions: []) { applied } }");
  }

  /** A user available every day, all day, with this status (active, onLeave, inactive). */
  public static String user(String username, String status) {
    builtIns();
    Gql.ok("mutation { createUser(input: {username: \"" + username + "\", name: \"" + username + "\", status: \"" + status
        + "\", workingDays: [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]}) { id } }");
    return username;
  }

  public static void team(String code, List<String> usernames) {
    java.util.Map<String, List<String>> members = new java.util.LinkedHashMap<>();
    usernames.forEach(u -> members.put(u, List.of()));
    team(code, members);
  }

  /** A team whose members (username to skills) have these skills. */
  public static void team(String code, java.util.Map<String, List<String>> skillsByMember) {
    builtIns();
    String team = Gql.ok("mutation { createTeam(input: {code: \"" + code + "\", name: \"" + code + "\"}) { id } }")
        .getString("data.createTeam.id");
    skillsByMember.forEach((u, skills) -> {
      String id = Gql.ok("{ users(filter: {username: {eq: \"" + u + "\"}}) { nodes { id } } }").getString("data.users.nodes[0].id");
      Gql.ok("mutation M($s: [String!]) { createTeamMember(input: {team: \"" + team + "\", member: \"" + id + "\", skills: $s}) { id } }",
          java.util.Map.of("s", skills));
    });
  }
}
