package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.IndexDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.OnDelete;
import dev.tessera.metamodel.model.PicklistOption;
import dev.tessera.metamodel.model.RuleDefinition;
import dev.tessera.metamodel.model.StageGate;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one configured Jackson mapper of Tessera (decimals read as BigDecimal, never through a double),
 * used by the metamodel, the storage layer's JSONB values, GraphQL cursors and the HTTP layer; it
 * lives here because the metamodel is framework-free and every module depends on it. Also the
 * readers from definition JSON to model records. Readers assume the document passed {@code MetadataValidator}: they do not report problems,
 * they skip what they cannot read.
 */
public final class MetamodelJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private MetamodelJson() {}

  /** Shared, thread-safe; never reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads an {@code entity} definition. */
  public static EntityDefinition readEntity(JsonNode n) {
    List<FieldDefinition> fields = new ArrayList<>();
    n.path("fields").forEach(f -> fields.add(readField(f)));
    List<RuleDefinition> rules = new ArrayList<>();
    n.path("rules").forEach(r -> rules.add(new RuleDefinition(text(r, "id"), text(r, "name"), text(r, "assert"),
        label(r.get("message")))));
    List<IndexDefinition> indexes = new ArrayList<>();
    n.path("indexes").forEach(ix -> {
      List<String> names = new ArrayList<>();
      ix.path("fields").forEach(f -> names.add(f.asText()));
      indexes.add(new IndexDefinition(names, ix.path("unique").asBoolean(false)));
    });
    return new EntityDefinition(text(n, "id"), text(n, "name"), text(n, "pluralName"), label(n.get("label")),
        fields, rules, indexes);
  }

  /** Reads one field of an entity definition; its type is null when the JSON names no known type. */
  public static FieldDefinition readField(JsonNode f) {
    List<PicklistOption> options = new ArrayList<>();
    f.path("options").forEach(o -> options.add(new PicklistOption(text(o, "value"), label(o.get("label")))));
    Map<String, List<String>> transitions = new LinkedHashMap<>();
    f.path("transitions").fields().forEachRemaining(e -> {
      List<String> to = new ArrayList<>();
      e.getValue().forEach(v -> to.add(v.asText()));
      transitions.put(e.getKey(), to);
    });
    JsonNode def = f.get("default");
    return new FieldDefinition(text(f, "id"), text(f, "name"),
        FieldType.fromJson(text(f, "type")).orElse(null), label(f.get("label")),
        f.path("required").asBoolean(false), f.path("unique").asBoolean(false), f.path("indexed").asBoolean(false),
        f.path("readOnly").asBoolean(false), def == null || def.isNull() ? null : def.deepCopy(),
        text(f, "defaultExpression"), decimal(f, "min"), decimal(f, "max"), text(f, "pattern"), options,
        transitions, text(f, "target"),
        OnDelete.fromJson(text(f, "onDelete"))
            .orElse(FieldType.REFERENCE.jsonName().equals(text(f, "type")) ? OnDelete.SET_NULL : null),
        text(f, "expression"), FieldType.fromJson(text(f, "resultType")).orElse(null), text(f, "format"),
        f.path("integer").asBoolean(false), gates(f.path("gates")));
  }

  /** The gates of a stage field: per stage its condition, message, required fields, approval and onEnter flows. */
  private static Map<String, StageGate> gates(JsonNode n) {
    Map<String, StageGate> gates = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      JsonNode g = e.getValue();
      gates.put(e.getKey(), new StageGate(text(g, "condition"), label(g.get("message")), texts(g.path("requiredFields")),
          text(g, "approval"), texts(g.path("onEnter"))));
    });
    return gates;
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> {
      if (v.isTextual()) {
        out.add(v.asText());
      }
    });
    return out;
  }

  /** Reads a map of locale to text; null when absent or not an object. */
  public static LocalizedText label(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        values.put(e.getKey(), e.getValue().asText());
      }
    });
    return new LocalizedText(values);
  }

  /**
   * Returns a copy of {@code incoming} in which the definition, its fields and its rules all carry a
   * stable {@code id} (and so do a form's tabs and sections): kept when sent, else taken from the item of the same name in {@code previous}
   * (the published version it replaces), else newly generated. Ids never change afterwards, so
   * renaming an item keeps its identity.
   */
  public static ObjectNode assignIds(ObjectNode incoming, JsonNode previous) {
    String id = text(incoming, "id");
    if (id == null) {
      id = previous != null && text(previous, "id") != null ? text(previous, "id")
          : newId(idPrefix(text(incoming, "kind")));
    }
    ObjectNode out = MAPPER.createObjectNode();
    if (incoming.has("kind")) {
      out.set("kind", incoming.get("kind"));
    }
    out.put("id", id);
    Iterator<Map.Entry<String, JsonNode>> it = incoming.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("kind") && !e.getKey().equals("id")) {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    assignItemIds(out, previous, "fields", "fld");
    assignItemIds(out, previous, "rules", "rule");
    assignItemIds(out, previous, "entries", "asg");
    assignItemIds(out, previous, "recycle", "rcy");
    assignItemIds(out, previous, "tabs", "tab");
    assignItemIds(out, previous, "sections", "sec");
    return out;
  }

  private static void assignItemIds(ObjectNode def, JsonNode previous, String key, String prefix) {
    if (!(def.get(key) instanceof ArrayNode items)) {
      return;
    }
    JsonNode before = previous == null ? null : previous.get(key);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof ObjectNode item) || text(item, "id") != null) {
        continue;
      }
      String known = before == null ? null : sameName(before, text(item, "name"));
      ObjectNode withId = MAPPER.createObjectNode().put("id", known != null ? known : newId(prefix));
      withId.setAll(item);
      items.set(i, withId);
    }
  }

  private static String sameName(JsonNode items, String name) {
    if (name == null || !items.isArray()) {
      return null;
    }
    for (JsonNode p : items) {
      if (name.equals(text(p, "name"))) {
        return text(p, "id");
      }
    }
    return null;
  }

  private static String idPrefix(String kind) {
    return kind == null || kind.isBlank() ? "def" : kind.replaceAll("[^A-Za-z0-9]", "");
  }

  /** A new random id like {@code fld_k3x9p2q7mz}: 10 characters from a 32-letter alphabet (50 bits). */
  public static String newId(String prefix) {
    char[] c = new char[10];
    for (int i = 0; i < c.length; i++) {
      c[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return prefix + "_" + new String(c);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n == null ? null : n.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static BigDecimal decimal(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isNumber() ? v.decimalValue() : null;
  }
}
