package dev.tessera.metamodel.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entities every Tessera has: {@code user} (with availability: status, working days and hours,
 * capacity), {@code team}, {@code teamMember} (a user in a team, with skills and a weight) and
 * {@code task} (to-dos people and flows create; {@code tasks(filter: ...)} is the inbox). Assignment
 * rules, pools, flows and permissions build on them. Every publish includes them; an
 * administrator may add fields to them but not remove or change the built-in ones.
 */
public final class BuiltInEntities {
  private static final List<String> NAMES = List.of("user", "team", "teamMember", "task");
  private static final Map<String, JsonNode> BY_NAME = load();

  private BuiltInEntities() {}

  /** The built-in definitions, as JSON ready to publish. */
  public static List<JsonNode> definitions() {
    return BY_NAME.values().stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  /** The built-in entity of this name, if there is one. */
  public static Optional<EntityDefinition> entity(String name) {
    JsonNode d = BY_NAME.get(name);
    return d == null ? Optional.empty() : Optional.of(MetamodelJson.readEntity(d));
  }

  /** True for the id of a built-in entity. */
  public static boolean isBuiltIn(String id) {
    return id != null && BY_NAME.values().stream().anyMatch(d -> id.equals(d.path("id").asText()));
  }

  private static Map<String, JsonNode> load() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String name : NAMES) {
      String path = "dev/tessera/metamodel/builtin/" + name + ".json";
      try (InputStream in = BuiltInEntities.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + path);
        }
        out.put(name, MetamodelJson.mapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
