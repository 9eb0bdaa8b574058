package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.UNSTORABLE_TEXT;

import static dev.tessera.metamodel.validation.MetadataMessage.API_NAME_TAKEN;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_ID;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.MISSING_KIND;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_AN_OBJECT;
import static dev.tessera.metamodel.validation.MetadataMessage.REVERSE_NAME_TAKEN;
import static dev.tessera.metamodel.validation.MetadataMessage.TAKEN_BY_ENTITY;
import static dev.tessera.metamodel.validation.MetadataMessage.TAKEN_BY_PLATFORM;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_KIND;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.i18n.MessageCode;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.metamodel.schema.DefinitionSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a whole set of definitions together, as they would be published: structure against the
 * JSON Schema of each kind, then semantic checks (names, duplicates, references, options,
 * expressions, generated API names), each kind's own checks from {@link KindRegistry}. Returns every problem at once; an empty list means the set can
 * be published. Paths point into the list given: {@code $[i]} is its i-th definition.
 * Thread-safe and reusable.
 */
public final class MetadataValidator {
  private final KindRegistry kinds;
  private final DefinitionSchemas schemas;

  public MetadataValidator() {
    this(KindRegistry.standard());
  }

  public MetadataValidator(KindRegistry kinds) {
    this.kinds = kinds;
    this.schemas = new DefinitionSchemas(kinds.names());
  }

  /** Validates definitions alone, without checking that the users and teams rules name exist. */
  public List<Problem> validate(List<JsonNode> definitions) {
    return validate(definitions, Directory.UNCHECKED);
  }

  /**
   * Text PostgreSQL cannot store or would store changed (a NUL, half of a surrogate pair) anywhere in a
   * definition, property names included, refused at its path before anything else reads it.
   */
  private static void unstorable(JsonNode node, String path, List<Problem> out) {
    if (node.isTextual()) {
      if (!storable(node.textValue())) {
        out.add(Problem.of(ProblemCode.INVALID_VALUE, path, UNSTORABLE_TEXT));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        unstorable(node.get(i), path + "[" + i + "]", out);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String at = path + Problem.key(e.getKey());
        if (!storable(e.getKey())) {
          out.add(Problem.of(ProblemCode.INVALID_VALUE, at, UNSTORABLE_TEXT));
        } else {
          unstorable(e.getValue(), at, out);
        }
      });
    }
  }

  static boolean storable(String s) {
    return dev.tessera.metamodel.expr.Limits.unstorableAt(s) < 0;
  }

  /** Validates definitions; rules must name users and teams of {@code directory}. */
  public List<Problem> validate(List<JsonNode> definitions, Directory directory) {
    List<Problem> out = new ArrayList<>();
    Map<Integer, Definition> typed = new LinkedHashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode d = definitions.get(i);
      String base = "$[" + i + "]";
      unstorable(d, base, out);
      Kind<?> kind = kind(d, base, out);
      if (kind != null) {
        out.addAll(schemas.validate(kind.name(), d, base));
        typed.put(i, kind.read(d));
      }
    }
    duplicates(definitions, out);
    Map<String, EntityDefinition> byName = new HashMap<>();
    Map<String, PoolDefinition> pools = new HashMap<>();
    Map<Integer, EntityDefinition> entities = new LinkedHashMap<>();
    Map<String, Definition> all = new HashMap<>();
    typed.forEach((i, d) -> {
      if (d.name() != null) {
        all.putIfAbsent(ValidationContext.key(d.kind(), d.name()), d);
      }
      if (d instanceof EntityDefinition e) {
        byName.putIfAbsent(e.name(), e);
        entities.put(i, e);
      } else if (d instanceof PoolDefinition p && p.name() != null) {
        pools.putIfAbsent(p.name(), p);
      }
    });
    ValidationContext ctx = new ValidationContext(byName, pools, directory, all);
    typed.forEach((i, d) -> out.addAll(kinds.kind(d.kind()).orElseThrow().check(d, "$[" + i + "]", ctx)));
    FormValidator.defaults(typed, out);
    generatedNames(entities, out);
    reverseNames(entities, byName, out);
    return out;
  }

  /** The registered kind of a definition, or null with the problem that says why not. */
  private Kind<?> kind(JsonNode d, String base, List<Problem> out) {
    if (d == null || !d.isObject()) {
      out.add(Problem.of(ProblemCode.INVALID_TYPE, base, NOT_AN_OBJECT));
      return null;
    }
    String kind = d.path("kind").isTextual() ? d.path("kind").asText() : null;
    if (kind == null) {
      out.add(Problem.of(ProblemCode.REQUIRED, base + ".kind", MISSING_KIND));
      return null;
    }
    Kind<?> known = kinds.kind(kind).orElse(null);
    if (known == null) {
      out.add(Problem.of(ProblemCode.UNKNOWN_KIND, base + ".kind", UNKNOWN_KIND, "kind", kind, "kinds",
          MessageCode.list(kinds.names())));
    }
    return known;
  }

  /** The connection a reference adds to its target must not shadow a field of the target. */
  private static void reverseNames(Map<Integer, EntityDefinition> entities, Map<String, EntityDefinition> byName,
      List<Problem> out) {
    entities.forEach((i, source) -> {
      for (int j = 0; j < source.fields().size(); j++) {
        FieldDefinition f = source.fields().get(j);
        EntityDefinition target = f.type() == FieldType.REFERENCE ? byName.get(f.target()) : null;
        if (target == null || !Identifiers.isValid(source.name()) || !Identifiers.isValid(f.name())) {
          continue;
        }
        String reverse = Identifiers.reverseFieldName(source, f.name());
        if (target.field(reverse).isPresent()) {
          out.add(Problem.of(ProblemCode.NAME_COLLISION, "$[" + i + "].fields[" + j + "].name", REVERSE_NAME_TAKEN,
              "target", target.name(), "reverse", reverse));
        }
      }
    });
  }

  /** Two definitions of one kind with the same name, or any two with the same id. */
  private static void duplicates(List<JsonNode> definitions, List<Problem> out) {
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode d = definitions.get(i);
      if (d == null || !d.isObject()) {
        continue;
      }
      String name = d.path("name").asText(null);
      Integer first = name == null ? null : names.putIfAbsent(d.path("kind").asText() + "/" + name, i);
      if (first != null) {
        out.add(Problem.of(ProblemCode.DUPLICATE, "$[" + i + "].name", DUPLICATE_NAME, "name", name, "first", first + 1));
      }
      String id = d.path("id").asText(null);
      Integer firstId = id == null ? null : ids.putIfAbsent(id, i);
      if (firstId != null) {
        out.add(Problem.of(ProblemCode.DUPLICATE, "$[" + i + "].id", DUPLICATE_ID, "id", id, "first", firstId + 1));
      }
    }
  }

  /** Generated GraphQL type and root field names must not collide with each other or built-ins. */
  private static void generatedNames(Map<Integer, EntityDefinition> entities, List<Problem> out) {
    Map<String, String> taken = new HashMap<>();
    Identifiers.BUILTIN_TYPES.forEach(t -> taken.put("type:" + t, null));
    Identifiers.BUILTIN_ROOT_FIELDS.forEach(f -> taken.put("field:" + f, null));
    for (Map.Entry<Integer, EntityDefinition> en : entities.entrySet()) {
      EntityDefinition e = en.getValue();
      if (!Identifiers.isValid(e.name()) || (e.pluralName() != null && !Identifiers.isValid(e.pluralName()))) {
        continue;
      }
      List<String> names = new ArrayList<>();
      Identifiers.generatedTypeNames(e).forEach(t -> names.add("type:" + t));
      Identifiers.generatedRootFields(e).forEach(f -> names.add("field:" + f));
      for (String n : names) {
        if (taken.containsKey(n)) {
          String owner = taken.get(n);
          String what = n.substring(n.indexOf(':') + 1);
          LocalizedText by = owner == null ? TAKEN_BY_PLATFORM.text() : TAKEN_BY_ENTITY.text("entity", owner);
          String path = "$[" + en.getKey() + "]" + (e.pluralName() != null && n.contains(e.pluralName())
              ? ".pluralName" : ".name");
          out.add(Problem.of(ProblemCode.NAME_COLLISION, path, API_NAME_TAKEN, "entity", e.name(), "name", what,
              "by", by));
          break;
        }
      }
      names.forEach(n -> taken.put(n, e.name()));
    }
  }
}
