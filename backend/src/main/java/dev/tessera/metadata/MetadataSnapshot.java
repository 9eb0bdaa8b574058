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

  public EntityDefinition entity(String name) {
    EntityDefinition e = entities.get(name);
    if (e == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, "Entity \"" + name + "\" is not published");
    }
    return e;
  }
}
