package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
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

  public EntityDefinition entity(String name) {
    EntityDefinition e = entities.get(name);
    if (e == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, "Entity \"" + name + "\" is not published");
    }
    return e;
  }
}
