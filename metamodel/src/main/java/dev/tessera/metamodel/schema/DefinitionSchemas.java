package dev.tessera.metamodel.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.tessera.metamodel.validation.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural validation of definitions against the bundled JSON Schemas (draft 2020-12), one per
 * kind, in {@code dev/tessera/metamodel/schema/<kind>.schema.json}. These schemas are also the
 * contract the designer UI is built from. Errors come back as {@link Problem}s in business words
 * ({@link SchemaMessages}), with the JSON path prefixed by the definition's position.
 */
public final class DefinitionSchemas {
  private final Map<String, Schema> schemas = new LinkedHashMap<>();

  /** Loads the schema of each of {@code kinds} (each must have its resource). */
  public DefinitionSchemas(List<String> kinds) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (String kind : kinds) {
      schemas.put(kind, registry.getSchema(resource(kind), InputFormat.JSON));
    }
  }

  /** The raw JSON Schema text of a kind, e.g. for the designer. */
  public static String resource(String kind) {
    String path = "dev/tessera/metamodel/schema/" + kind + ".schema.json";
    try (InputStream in = DefinitionSchemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems of one definition of a known kind; {@code base} is its path, e.g. {@code $[2]}. */
  public List<Problem> validate(String kind, JsonNode definition, String base) {
    Schema schema = schemas.get(kind);
    if (schema == null) {
      throw new IllegalArgumentException("no schema for kind " + kind);
    }
    List<Problem> out = new ArrayList<>();
    for (Error e : schema.validate(definition.toString(), InputFormat.JSON)) {
      String value = e.getInstanceNode() == null ? null : e.getInstanceNode().toString();
      Problem p = SchemaMessages.problem(e.getKeyword(), base + path(e.getInstanceLocation()), e.getProperty(),
          e.getArguments(), value, e.getMessage());
      if (out.stream().noneMatch(q -> q.code().equals(p.code()) && q.path().equals(p.path()))) {
        out.add(p);
      }
    }
    return out;
  }

  /** {@code $.fields[1].name} as {@code .fields[1].name}. */
  static String path(NodePath p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object el = p.getElement(i);
      if (el instanceof Integer idx) {
        sb.append('[').append(idx).append(']');
      } else {
        sb.append(Problem.key(String.valueOf(el)));
      }
    }
    return sb.toString();
  }
}
