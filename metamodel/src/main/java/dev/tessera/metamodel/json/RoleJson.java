package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.RoleDefinition.EntityAccess;
import dev.tessera.metamodel.model.RoleDefinition.FieldAccess;
import dev.tessera.metamodel.model.RoleDefinition.RecordScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reader of {@code role} definitions. Like the other readers it never fails: an unknown scope or
 * field level is read as null (and reported by the validator), and the defaults of {@code
 * role.schema.json} are applied here: no right unless granted, scope {@code own}.
 */
public final class RoleJson {
  private RoleJson() {}

  public static RoleDefinition role(JsonNode n) {
    Map<String, EntityAccess> entities = new LinkedHashMap<>();
    n.path("entities").fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        entities.put(e.getKey(), access(e.getValue()));
      }
    });
    return new RoleDefinition(RuleJson.text(n, "id"), RuleJson.text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), entities, RuleJson.texts(n.path("capabilities")));
  }

  private static EntityAccess access(JsonNode a) {
    Map<String, FieldAccess> fields = new LinkedHashMap<>();
    a.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(),
        FieldAccess.fromJson(f.getValue().isTextual() ? f.getValue().asText() : null).orElse(null)));
    return new EntityAccess(RuleJson.bool(a, "create", false), RuleJson.bool(a, "read", false),
        RuleJson.bool(a, "update", false), RuleJson.bool(a, "delete", false), scope(a.get("scope")), fields);
  }

  /** The scope as written; absent: {@code own}; unknown: null. */
  static RecordScope scope(JsonNode s) {
    if (s == null) {
      return RecordScope.OWN;
    }
    if (s.isObject()) {
      String expression = RuleJson.text(s, "expression");
      return expression == null ? null : RecordScope.expression(expression);
    }
    return switch (s.isTextual() ? s.asText() : "") {
      case "own" -> RecordScope.OWN;
      case "team" -> RecordScope.TEAM;
      case "all" -> RecordScope.ALL;
      default -> null;
    };
  }
}
