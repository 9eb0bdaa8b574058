package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One published metadata version, immutable: the raw definitions as published and the parsed
 * entities by name. Requests take the snapshot once and use it throughout, so a publish in the
 * middle of a request never mixes two versions.
 */
public record MetadataSnapshot(int version, List<JsonNode> definitions, Map<String, EntityDefinition> entities) {
  public static final MetadataSnapshot EMPTY = new MetadataSnapshot(0, List.of(), Map.of());

  public MetadataSnapshot {
    definitions = List.copyOf(definitions);
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
  }

  /** The published definitions of one kind ({@code pool}, {@code assignmentRule} ...), in publish order. */
  public List<JsonNode> definitions(String kind) {
    return definitions.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  /** The active definitions of one kind that act on {@code entity} (their {@code entity}; {@code active} defaults to true). */
  public List<JsonNode> activeFor(String kind, String entity) {
    return definitions.stream().filter(d -> kind.equals(d.path("kind").asText()) && entity.equals(d.path("entity").asText())
        && d.path("active").asBoolean(true)).toList();
  }

  /** A reference field and the entity it sits on. */
  public record Reference(EntityDefinition entity, FieldDefinition field) {}

  /** Every reference field, of any entity, whose target is {@code target}. */
  public List<Reference> referencesTo(String target) {
    List<Reference> out = new ArrayList<>();
    for (EntityDefinition e : entities.values()) {
      for (FieldDefinition f : e.fields()) {
        if (f.type() == FieldType.REFERENCE && target.equals(f.target())) {
          out.add(new Reference(e, f));
        }
      }
    }
    return out;
  }

  public EntityDefinition entity(String name) {
    EntityDefinition e = entities.get(name);
    if (e == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, "Entity \"" + name + "\" is not published");
    }
    return e;
  }
}
