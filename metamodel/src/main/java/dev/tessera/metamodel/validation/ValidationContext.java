package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a kind's semantic checks may look up beyond the definition itself: the entities and pools of
 * the whole set being published (the first of each name), every definition of the set by kind and name
 * (flows name assignment rules, message templates, calendars and other flows), and the users and teams
 * that exist.
 */
public record ValidationContext(Map<String, EntityDefinition> entities, Map<String, PoolDefinition> pools,
    Directory directory, Map<String, Definition> definitions) {
  public ValidationContext {
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    pools = Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    directory = directory == null ? Directory.UNCHECKED : directory;
    definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
  }

  public ValidationContext(Map<String, EntityDefinition> entities, Map<String, PoolDefinition> pools, Directory directory) {
    this(entities, pools, directory, Map.of());
  }

  /** The key of {@link #definitions()}: {@code kind/name}. */
  public static String key(String kind, String name) {
    return kind + "/" + name;
  }

  /** The definition of {@code type} named {@code name} in the set (the first of that kind and name). */
  public <T extends Definition> Optional<T> definition(Class<T> type, String kind, String name) {
    Definition d = name == null ? null : definitions.get(key(kind, name));
    return type.isInstance(d) ? Optional.of(type.cast(d)) : Optional.empty();
  }
}
