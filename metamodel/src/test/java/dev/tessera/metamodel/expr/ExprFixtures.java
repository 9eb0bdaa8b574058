package dev.tessera.metamodel.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lead and company entities of {@code lead.json}, and scopes over them. */
final class ExprFixtures {
  static final Map<String, EntityDefinition> ENTITIES = load();

  private ExprFixtures() {}

  static Scope scope(Scope.Use use) {
    return Scope.of(ENTITIES.get("lead"), ENTITIES, use);
  }

  private static Map<String, EntityDefinition> load() {
    try (InputStream in = ExprFixtures.class.getResourceAsStream("lead.json")) {
      JsonNode all = MetamodelJson.mapper().readTree(in);
      Map<String, EntityDefinition> out = new LinkedHashMap<>();
      all.forEach(n -> {
        EntityDefinition e = MetamodelJson.readEntity(n);
        out.put(e.name(), e);
      });
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
