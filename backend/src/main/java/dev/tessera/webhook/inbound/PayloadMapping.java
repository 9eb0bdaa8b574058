package dev.tessera.webhook.inbound;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.WebhookSourceDefinition;
import dev.tessera.webhook.WebhookMessages;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a payload the way a source says: its idempotency key and the values of the mapped fields. */
final class PayloadMapping {
  static final int UNPROCESSABLE = 422;

  private PayloadMapping() {}

  /** The idempotency key as text; refused (422) when absent, null or empty. */
  static String key(WebhookSourceDefinition source, JsonNode payload) {
    JsonNode v = payload.at(JsonPointer.compile(source.idempotencyKey()));
    if (v.isMissingNode() || v.isNull() || v.isContainerNode() || v.asText().isEmpty()) {
      throw new InboundRefusal(UNPROCESSABLE, "MISSING_KEY",
          WebhookMessages.text("MISSING_KEY", Map.of("path", source.idempotencyKey())), source.idempotencyKey());
    }
    return v.asText();
  }

  /** The record input: each mapped field's value; a required one absent or null is refused (422), naming its pointer. */
  static Map<String, Object> input(WebhookSourceDefinition source, JsonNode payload) {
    Map<String, Object> out = new LinkedHashMap<>();
    source.mapping().forEach((field, m) -> {
      JsonNode v = payload.at(JsonPointer.compile(m.from()));
      if (v.isMissingNode() || v.isNull()) {
        if (m.required()) {
          throw new InboundRefusal(UNPROCESSABLE, "MISSING_VALUE",
              WebhookMessages.text("MISSING_VALUE", Map.of("path", m.from(), "field", field)), m.from());
        }
        return;
      }
      out.put(field, MetamodelJson.mapper().convertValue(v, Object.class));
    });
    return out;
  }
}
