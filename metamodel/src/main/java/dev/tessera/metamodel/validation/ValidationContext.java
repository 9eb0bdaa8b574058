package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a kind's semantic checks may look up beyond the definition itself: the entities and pools of
 * the whole set being published (the first of each name), and the users and teams that exist.
 */
public record ValidationContext(Map<String, EntityDefinition> entities, Map<String, PoolDefinition> pools,
    Directory directory) {
  public ValidationContext {
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    pools = Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    directory = directory == null ? Directory.UNCHECKED : directory;
  }
}
