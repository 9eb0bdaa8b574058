package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.WebhookSourceDefinition;
import dev.tessera.metamodel.model.WebhookSourceDefinition.Auth;
import dev.tessera.metamodel.model.WebhookSourceDefinition.AuthType;
import dev.tessera.metamodel.model.WebhookSourceDefinition.Mapping;
import dev.tessera.metamodel.model.WebhookSourceDefinition.Match;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code webhookSource} definitions, leniently (the JSON Schema reports what is missing). */
public final class WebhookSourceJson {
  private WebhookSourceJson() {}

  public static WebhookSourceDefinition webhookSource(JsonNode n) {
    JsonNode a = n.path("auth");
    Auth auth = a.isObject() ? new Auth(AuthType.fromJson(RuleJson.text(a, "type")).orElse(null), RuleJson.text(a, "secret"))
        : null;
    Map<String, Mapping> mapping = new LinkedHashMap<>();
    n.path("mapping").fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      mapping.put(e.getKey(), v.isTextual() ? new Mapping(v.asText(), true)
          : new Mapping(RuleJson.text(v, "from"), RuleJson.bool(v, "required", true)));
    });
    JsonNode m = n.path("match");
    Match match = null;
    if (m.isObject()) {
      List<String> fields = new ArrayList<>();
      m.path("fields").forEach(f -> fields.add(f.asText()));
      match = new Match(RuleJson.text(m, "matchingRule"), fields);
    }
    return new WebhookSourceDefinition(RuleJson.text(n, "id"), RuleJson.text(n, "name"),
        MetamodelJson.label(n.get("label")), MetamodelJson.label(n.get("description")), RuleJson.text(n, "entity"),
        RuleJson.bool(n, "active", true), auth, RuleJson.text(n, "idempotencyKey"), mapping, match,
        RuleJson.text(n, "runAs"));
  }
}
