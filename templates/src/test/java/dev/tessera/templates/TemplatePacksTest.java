package dev.tessera.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.validation.MetadataValidator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pack listed in templates/index.json has a complete manifest and publishes without problems. */
class TemplatePacksTest {
  static Stream<String> packs() throws IOException {
    List<String> names = new ArrayList<>();
    read("templates/index.json").path("packs").forEach(p -> names.add(p.asText()));
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("packs")
  void packManifestIsComplete(String pack) throws IOException {
    JsonNode m = read("templates/" + pack + "/pack.json");
    assertEquals(pack, m.path("name").asText());
    assertTrue(m.path("version").asText().matches("\\d+\\.\\d+\\.\\d+"), "semantic version");
    assertFalse(m.path("label").path("zh-CN").asText().isBlank());
    assertFalse(m.path("label").path("en").asText().isBlank());
    assertTrue(m.path("definitions").size() > 0);
  }

  @ParameterizedTest
  @MethodSource("packs")
  void packDefinitionsValidate(String pack) throws IOException {
    List<JsonNode> defs = new ArrayList<>();
    for (JsonNode f : read("templates/" + pack + "/pack.json").path("definitions")) {
      JsonNode d = read("templates/" + pack + "/" + f.asText());
      assertNotNull(d.get("id"), "pack definitions carry stable ids: " + f.asText());
      defs.add(d);
    }
    assertEquals(List.of(), new MetadataValidator().validate(defs));
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = TemplatePacksTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, "missing resource " + resource);
      return MetamodelJson.mapper().readTree(in);
    }
  }
}
