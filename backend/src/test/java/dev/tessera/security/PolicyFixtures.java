package dev.tessera.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.validation.MetadataValidator;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.record.DataRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The metadata the policy tests compile roles against: a {@code lead} entity (name, phone, region,
 * budget, hot) and the built-in entities, {@code user} with a {@code regions} field, validated as a
 * publish would validate them so no test compiles a role publishing would refuse.
 */
final class PolicyFixtures {
  static final List<String> FIELDS = List.of("name", "phone", "region", "budget", "hot");

  private PolicyFixtures() {}

  static JsonNode json(String s) {
    try {
      return MetamodelJson.mapper().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode lead() {
    return json("""
        {"kind": "entity", "name": "lead", "label": {"zh-CN": "线索", "en": "Lead"}, "fields": [
          {"name": "name", "type": "text", "label": {"zh-CN": "姓名", "en": "Name"}},
          {"name": "phone", "type": "text", "label": {"zh-CN": "手机", "en": "Phone"}},
          {"name": "region", "type": "text", "label": {"zh-CN": "省份", "en": "Region"}},
          {"name": "budget", "type": "money", "label": {"zh-CN": "预算", "en": "Budget"}},
          {"name": "hot", "type": "bool", "label": {"zh-CN": "热线索", "en": "Hot"}}]}
        """);
  }

  /** The published set with {@code roles}: lead, the built-ins (user with regions), then the roles; refused sets fail the test. */
  static MetadataSnapshot snapshot(List<JsonNode> roles) {
    List<JsonNode> defs = new ArrayList<>();
    defs.add(lead());
    defs.addAll(BuiltInEntities.definitions());
    return snapshot(defs, roles);
  }

  /**
   * {@code published} (the built-in user given a {@code regions} field if it lacks one, as an administrator may add)
   * plus {@code roles}, validated as a publish would validate them, as a snapshot of this process only.
   */
  static MetadataSnapshot snapshot(List<JsonNode> published, List<JsonNode> roles) {
    List<JsonNode> defs = new ArrayList<>();
    for (JsonNode d : published) {
      JsonNode copy = d.deepCopy();
      boolean user = copy.path("kind").asText().equals("entity") && copy.path("name").asText().equals("user");
      if (user && copy.get("fields").findValuesAsText("name").stream().noneMatch("regions"::equals)) {
        ((ArrayNode) copy.get("fields")).add(json(
            "{\"name\": \"regions\", \"type\": \"tags\", \"label\": {\"zh-CN\": \"负责省份\", \"en\": \"Regions\"}}"));
      }
      defs.add(copy);
    }
    defs.addAll(roles);
    List<Problem> problems = new MetadataValidator().validate(defs);
    if (!problems.isEmpty()) {
      throw new AssertionError("the test's metadata is refused: " + problems + " in " + roles);
    }
    return new MetadataSnapshot(1, defs);
  }

  static ObjectNode role(String name) {
    ObjectNode r = (ObjectNode) json("{\"kind\": \"role\", \"label\": {\"zh-CN\": \"角色\", \"en\": \"Role\"}}");
    r.put("name", name);
    r.putObject("entities");
    return r;
  }

  static DataRecord record(String owner, Map<String, Object> data) {
    return new DataRecord(UUID.randomUUID(), data, owner, 1, null, null, owner, owner, null);
  }
}
