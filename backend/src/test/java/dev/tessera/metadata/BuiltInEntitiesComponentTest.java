package dev.tessera.metadata;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users, teams and team members exist after any publish and work like any entity, with their rules. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BuiltInEntitiesComponentTest {
  @Inject
  MetadataService metadata;

  @Test
  void usersTeamsAndMembersComeWithEveryPublish() {
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }",
        Map.of("d", List.of(entity(Gql.unique("any"), field("name", "text")))));
    assertFalse(metadata.ensureBuiltIns().await().indefinitely().applied(), "already there: nothing to publish");

    String u = Gql.unique("zhang");
    JsonPath user = Gql.ok("mutation { createUser(input: {username: \"" + u + "\", name: \"张三\"}) { id status workingDays } }");
    assertEquals("active", user.getString("data.createUser.status"));
    assertEquals(List.of("mon", "tue", "wed", "thu", "fri"), user.getList("data.createUser.workingDays"));
    JsonPath badHours = Gql.post("mutation { createUser(input: {username: \"" + u + "x\", name: \"李四\", workStart: \"18:00\", "
        + "workEnd: \"09:00\"}) { id } }");
    assertEquals("workHoursInOrder", badHours.getString("errors[0].extensions.problems[0].rule"), badHours.prettify());

    String code = Gql.unique("east");
    String team = Gql.ok("mutation { createTeam(input: {code: \"" + code + "\", name: \"华东组\"}) { id } }").getString("data.createTeam.id");
    String userId = user.getString("data.createUser.id");
    Gql.ok("mutation { createTeamMember(input: {team: \"" + team + "\", member: \"" + userId + "\", skills: [\"家电\"]}) { weight } }");
    JsonPath twice = Gql.post("mutation { createTeamMember(input: {team: \"" + team + "\", member: \"" + userId + "\"}) { id } }");
    assertEquals("VALIDATION_FAILED", twice.getString("errors[0].extensions.code"), "one membership per user and team");
    JsonPath members = Gql.ok("{ team(id: \"" + team + "\") { teamMembersByTeam { nodes { member { name } weight } } } }");
    assertEquals(List.of("张三"), members.getList("data.team.teamMembersByTeam.nodes.member.name"));
    assertTrue(members.getList("data.team.teamMembersByTeam.nodes.weight").get(0).toString().startsWith("1"));
  }
}
