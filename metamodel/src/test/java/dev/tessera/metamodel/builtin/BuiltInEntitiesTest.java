package dev.tessera.metamodel.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.validation.MetadataValidator;
import dev.tessera.metamodel.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in user, team, teamMember and task entities: valid, extensible, but their own fields stay. */
class BuiltInEntitiesTest {
  private static final MetadataValidator VALIDATOR = new MetadataValidator();

  @Test
  void theBuiltInsAreValidTogether() {
    assertEquals(List.of(), VALIDATOR.validate(BuiltInEntities.definitions()));
    assertTrue(BuiltInEntities.entity("user").orElseThrow().field("workingDays").isPresent());
  }

  @Test
  void tasksAreBuiltInForTheInboxAndFlows() {
    var task = BuiltInEntities.entity("task").orElseThrow();
    assertEquals("entity_builtin_task", task.id());
    assertEquals(List.of("title", "assignee", "due", "status", "priority", "relatedEntity", "relatedId", "description",
        "completedAt", "flowInstance"), task.fields().stream().map(f -> f.name()).toList());
    assertTrue(task.fields().stream().allMatch(f -> f.id().equals("fld_builtin_task_" + snake(f.name()))), "stable ids");
    assertEquals("open", task.field("status").orElseThrow().defaultValue().asText());
    assertEquals("normal", task.field("priority").orElseThrow().defaultValue().asText());
    assertEquals("user", task.field("assignee").orElseThrow().target());
    assertTrue(task.field("due").orElseThrow().indexed() && task.field("status").orElseThrow().indexed());
    assertTrue(task.fields().stream().allMatch(f -> !f.label().get("zh-CN").isBlank() && !f.label().get("en").isBlank()));
  }

  private static String snake(String name) {
    return name.replaceAll("([A-Z])", "_$1").toLowerCase();
  }

  @Test
  void anAdministratorMayAddFieldsToUsers() throws Exception {
    JsonNode wechat = MetamodelJson.mapper().readTree(
        "{\"name\": \"wechatId\", \"type\": \"text\", \"label\": {\"zh-CN\": \"微信号\", \"en\": \"WeChat ID\"}}");
    List<JsonNode> defs = withUser(user -> ((ArrayNode) user.get("fields")).add(wechat));
    assertEquals(List.of(), VALIDATOR.validate(defs));
  }

  @Test
  void builtInFieldsCannotBeRemovedRenamedOrRetyped() {
    List<Problem> removed = VALIDATOR.validate(withUser(user -> ((ArrayNode) user.get("fields")).remove(0)));
    assertTrue(removed.stream().anyMatch(p -> p.code().equals("CONFLICT") && p.message("en").contains("user.username")), removed.toString());
    List<Problem> retyped = VALIDATOR.validate(withUser(user -> ((ObjectNode) user.get("fields").get(4)).put("type", "text")));
    assertTrue(retyped.stream().anyMatch(p -> p.code().equals("CONFLICT") && p.message("en").contains("user.status")), retyped.toString());
    List<Problem> renamed = VALIDATOR.validate(withUser(user -> user.put("name", "member")));
    assertTrue(renamed.stream().anyMatch(p -> p.code().equals("CONFLICT") && p.path().equals("$[0].name")), renamed.toString());
  }

  @Test
  void aCustomEntityCannotTakeABuiltInName() throws Exception {
    List<JsonNode> defs = new ArrayList<>(BuiltInEntities.definitions());
    defs.add(MetamodelJson.mapper().readTree("{\"kind\": \"entity\", \"name\": \"teamMember\", "
        + "\"label\": {\"zh-CN\": \"成员\", \"en\": \"Member\"}, \"fields\": []}"));
    List<Problem> problems = VALIDATOR.validate(defs);
    String last = "$[" + (defs.size() - 1) + "].name";
    assertTrue(problems.stream().anyMatch(p -> p.code().equals("RESERVED_NAME") && p.path().equals(last)), problems.toString());
  }

  private static List<JsonNode> withUser(java.util.function.Consumer<ObjectNode> change) {
    List<JsonNode> defs = BuiltInEntities.definitions();
    change.accept((ObjectNode) defs.get(0));
    return defs;
  }
}
