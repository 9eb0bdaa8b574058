package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.json.MetamodelJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges a changeset into the published definitions. An incoming definition replaces the published
 * one with the same id (or, without id, the same kind and name); ids missing in the changeset are
 * taken from the item they replace so they stay stable. The result lists the changeset first, in
 * its order, so problem paths {@code $[i]} point into what the client sent; the built-in entities
 * (user, team, teamMember) are added when the set does not have them yet.
 */
final class DefinitionMerge {
  private DefinitionMerge() {}

  static List<JsonNode> merge(List<JsonNode> changeset, List<JsonNode> published) {
    List<JsonNode> rest = new ArrayList<>(published);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode incoming : changeset) {
      if (!(incoming instanceof ObjectNode obj)) {
        out.add(incoming);
        continue;
      }
      JsonNode previous = rest.stream().filter(p -> same(p, obj)).findFirst().orElse(null);
      if (previous != null) {
        rest.remove(previous);
      }
      out.add(MetamodelJson.assignIds(obj, previous));
    }
    out.addAll(rest);
    for (JsonNode builtIn : BuiltInEntities.definitions()) {
      if (out.stream().noneMatch(d -> d instanceof ObjectNode o && same(d, (ObjectNode) builtIn))) {
        out.add(builtIn);
      }
    }
    for (int i = 0; i < out.size(); i++) {
      out.set(i, withNewBuiltInFields(out.get(i), published));
    }
    return out;
  }

  /**
   * A built-in entity with the built-in fields a newer Tessera brought (the user's {@code roles}, say)
   * that neither it nor its published version has: an older database gains them with its next publish.
   * A field the published version has and the changeset dropped is left out, so the publish refuses
   * removing it.
   */
  private static JsonNode withNewBuiltInFields(JsonNode def, List<JsonNode> published) {
    if (!(def instanceof ObjectNode obj) || !BuiltInEntities.isBuiltIn(text(obj, "id"))) {
      return def;
    }
    JsonNode builtIn = BuiltInEntities.definitions().stream().filter(b -> same(b, obj)).findFirst().orElseThrow();
    JsonNode before = published.stream().filter(p -> same(p, obj)).findFirst().orElse(null);
    ObjectNode copy = null;
    for (JsonNode f : builtIn.path("fields")) {
      String id = text(f, "id");
      if (!hasField(obj, id) && (before == null || !hasField(before, id))) {
        copy = copy == null ? obj.deepCopy() : copy;
        JsonNode fields = copy.get("fields");
        (fields instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a : copy.putArray("fields")).add(f.deepCopy());
      }
    }
    return copy == null ? def : copy;
  }

  private static boolean hasField(JsonNode entity, String id) {
    for (JsonNode f : entity.path("fields")) {
      if (id.equals(text(f, "id"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the published set lacks a built-in entity or a built-in field (an older database): the
   * next publish adds it.
   */
  static boolean missesBuiltIns(List<JsonNode> published) {
    return BuiltInEntities.definitions().stream().anyMatch(b -> {
      JsonNode p = published.stream().filter(d -> same(d, (ObjectNode) b)).findFirst().orElse(null);
      if (p == null) {
        return true;
      }
      for (JsonNode f : b.path("fields")) {
        if (!hasField(p, text(f, "id"))) {
          return true;
        }
      }
      return false;
    });
  }

  private static boolean same(JsonNode published, ObjectNode incoming) {
    String id = text(incoming, "id");
    if (id != null) {
      return id.equals(text(published, "id"));
    }
    return Objects.equals(text(incoming, "kind"), text(published, "kind"))
        && Objects.equals(text(incoming, "name"), text(published, "name"));
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
