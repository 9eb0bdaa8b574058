package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.json.MetamodelJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Assignment rules, pools, matching rules and forms: a complete valid set is accepted, and each case of
 * {@code AutomationValidatorTest.invalid.json} (the valid set with values replaced at JSON pointers)
 * yields its code at its path, with messages in both languages.
 */
class AutomationValidatorTest {
  private static final MetadataValidator VALIDATOR = new MetadataValidator();

  @Test
  void theValidSetIsAccepted() throws IOException {
    assertEquals(List.of(), VALIDATOR.validate(valid()));
  }

  @Test
  void theFormCatalogHasEveryMessageInBothLanguages() {
    assertEquals(List.of(), Messages.of("form").problems());
  }

  static Stream<Arguments> invalidCases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : read("AutomationValidatorTest.invalid.json")) {
      out.add(Arguments.of(c.get("case").asText(), c.get("set"), c.get("code").asText(), c.get("path").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void invalidDefinitionYieldsCodeAtPath(String name, JsonNode set, String code, String path) throws IOException {
    List<JsonNode> defs = valid();
    ArrayNode all = MetamodelJson.mapper().createArrayNode().addAll(defs);
    for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      put(all, e.getKey(), e.getValue());
    }
    List<JsonNode> changed = new ArrayList<>();
    all.forEach(changed::add);
    List<Problem> problems = VALIDATOR.validate(changed);
    assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.path().equals(path)),
        "expected " + code + " at " + path + ", got " + problems);
    for (Problem p : problems) {
      assertFalse(p.message("en").isBlank(), p.toString());
      assertTrue(p.message("zh-CN").codePoints().anyMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff), p.toString());
    }
  }

  /** Sets the value at a JSON pointer, creating the last step (an array index may append). */
  private static void put(JsonNode root, String pointer, JsonNode value) {
    String[] steps = pointer.substring(1).split("/");
    JsonNode at = root;
    for (int i = 0; i < steps.length - 1; i++) {
      at = at.isArray() ? at.get(Integer.parseInt(steps[i])) : at.get(steps[i]);
    }
    String last = steps[steps.length - 1];
    if (at instanceof ArrayNode a) {
      int index = Integer.parseInt(last);
      if (index == a.size()) {
        a.add(value.deepCopy());
      } else {
        a.set(index, value.deepCopy());
      }
    } else {
      ((ObjectNode) at).set(last, value.deepCopy());
    }
  }

  private static List<JsonNode> valid() throws IOException {
    List<JsonNode> defs = new ArrayList<>();
    read("AutomationValidatorTest.valid.json").forEach(defs::add);
    return defs;
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = AutomationValidatorTest.class.getResourceAsStream(resource)) {
      return MetamodelJson.mapper().readTree(in);
    }
  }
}
