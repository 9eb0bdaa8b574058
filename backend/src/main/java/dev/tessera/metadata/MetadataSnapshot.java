package dev.tessera.metadata;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.EntityRule;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.validation.KindRegistry;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published metadata version, immutable: the definitions as published (JSON, for the metadata
 * API and exports) and each read once into its kind's typed record, which is what engines use.
 * Requests take the snapshot once and use it throughout, so a publish in the middle of a request
 * never mixes two versions.
 */
public final class MetadataSnapshot {
  public static final MetadataSnapshot EMPTY = new MetadataSnapshot(0, List.of());

  private final int version;
  private final List<JsonNode> definitions;
  private final List<Definition> typed;
  private final Map<String, EntityDefinition> entities;
  /** Derived once per snapshot on first use: engines ask for the same lists on every write. */
  private final Map<Object, List<?>> memo = new java.util.concurrent.ConcurrentHashMap<>();

  /** Reads {@code definitions} (already validated) with the standard kinds; unknown kinds are ignored. */
  public MetadataSnapshot(int version, List<JsonNode> definitions) {
    this.version = version;
    this.definitions = List.copyOf(definitions);
    List<Definition> all = new ArrayList<>();
    Map<String, EntityDefinition> byName = new LinkedHashMap<>();
    for (JsonNode d : this.definitions) {
      KindRegistry.standard().read(d).ifPresent(t -> {
        all.add(t);
        if (t instanceof EntityDefinition e) {
          byName.put(e.name(), e);
        }
      });
    }
    this.typed = List.copyOf(all);
    this.entities = Collections.unmodifiableMap(byName);
  }

  private MetadataSnapshot(int version, MetadataSnapshot same) {
    this.version = version;
    this.definitions = same.definitions;
    this.typed = same.typed;
    this.entities = same.entities;
  }

  /** The same definitions as another version number (a candidate that was stored), read only once. */
  public MetadataSnapshot withVersion(int newVersion) {
    return new MetadataSnapshot(newVersion, this);
  }

  public int version() {
    return version;
  }

  /** The definitions as published, in publish order. */
  public List<JsonNode> definitions() {
    return definitions;
  }

  /** Published entities by name. */
  public Map<String, EntityDefinition> entities() {
    return entities;
  }

  /** The published definitions of one kind as published (JSON), in publish order. */
  public List<JsonNode> definitions(String kind) {
    return definitions.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  /** Every definition of a type, in publish order. */
  @SuppressWarnings("unchecked")
  public <T extends Definition> List<T> all(Class<T> type) {
    return (List<T>) memo.computeIfAbsent(type, t -> typed.stream().filter(type::isInstance).map(type::cast).toList());
  }

  /** The definition of a type with this name. */
  public <T extends Definition> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The active definitions of a type that act on {@code entity}, in publish order. */
  @SuppressWarnings("unchecked")
  public <T extends EntityRule> List<T> activeFor(Class<T> type, String entity) {
    List<T> ofType = all(type); // outside the computation below: a ConcurrentHashMap refuses nested updates
    return (List<T>) memo.computeIfAbsent(List.of(type, entity),
        k -> ofType.stream().filter(d -> entity.equals(d.entity()) && d.active()).toList());
  }

  /** The one active definition of a type for {@code entity} (the first by name when several are active). */
  public <T extends EntityRule> Optional<T> firstActive(Class<T> type, String entity) {
    return activeFor(type, entity).stream().min(Comparator.comparing(Definition::name));
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
      throw new PlatformException(ErrorCode.NOT_FOUND, RequestMessages.text("NOT_PUBLISHED", java.util.Map.of("name", String.valueOf(name))), "entity");
    }
    return e;
  }
}
