package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: every case in {@code MetadataValidatorTest.invalid.json} must yield a problem with its
 * expected code at its expected path, with a message in both languages.
 */
class MetadataValidatorTest {
  private static final MetadataValidator VALIDATOR = new MetadataValidator();

  static Stream<Arguments> invalidCases() throws IOException {
    JsonNode cases = read("MetadataValidatorTest.invalid.json");
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("case").asText(), definitions(c), c.get("code").asText(),
        c.get("path").asText())));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void invalidDefinitionYieldsCodeAtPath(String name, List<JsonNode> definitions, String code, String path) {
    List<Problem> problems = VALIDATOR.validate(definitions);
    assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.path().equals(path)),
        "expected " + code + " at " + path + ", got " + problems);
    for (Problem p : problems) {
      assertFalse(p.message("en").isBlank(), p.toString());
      assertTrue(p.message("zh-CN").codePoints().anyMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff),
          "the zh-CN message is Chinese: " + p.message("zh-CN"));
    }
  }

  @Test
  void designExampleIsAccepted() throws IOException {
    List<JsonNode> defs = new ArrayList<>();
    read("MetadataValidatorTest.designExample.json").forEach(defs::add);
    assertEquals(List.of(), VALIDATOR.validate(defs));
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    JsonNode bad = MetamodelJson.mapper().readTree("""
        {"kind": "entity", "name": "Lead", "label": {"en": "Lead"}, "fields": [
          {"name": "1st", "type": "text", "label": {"zh-CN": "一", "en": "One"}},
          {"name": "kind", "type": "picklist", "label": {"zh-CN": "类型", "en": "Kind"}},
          {"name": "company", "type": "reference", "target": "nowhere", "label": {"zh-CN": "公司", "en": "Company"}}]}""");
    List<String> paths = VALIDATOR.validate(List.of(bad)).stream().map(Problem::path).toList();
    assertTrue(paths.containsAll(List.of("$[0].name", "$[0].label['zh-CN']", "$[0].fields[0].name",
        "$[0].fields[1].options", "$[0].fields[2].target")), paths.toString());
  }

  @Test
  void referenceToAnEntityInTheSameChangesetResolves() throws IOException {
    List<JsonNode> defs = List.of(
        MetamodelJson.mapper().readTree("""
            {"kind": "entity", "name": "contact", "label": {"zh-CN": "联系人", "en": "Contact"}, "fields": [
              {"name": "account", "type": "reference", "target": "account", "label": {"zh-CN": "客户", "en": "Account"}}],
             "rules": [{"name": "hasAccount", "assert": "account.industry != null",
                        "message": {"zh-CN": "请选择行业", "en": "Pick an industry"}}]}"""),
        MetamodelJson.mapper().readTree("""
            {"kind": "entity", "name": "account", "label": {"zh-CN": "客户", "en": "Account"}, "fields": [
              {"name": "industry", "type": "text", "label": {"zh-CN": "行业", "en": "Industry"}}]}"""));
    assertEquals(List.of(), VALIDATOR.validate(defs));
  }

  @Test
  void pathIntoAnUnknownFieldOfTheTargetIsAProblem() throws IOException {
    List<JsonNode> defs = List.of(
        MetamodelJson.mapper().readTree("""
            {"kind": "entity", "name": "contact", "label": {"zh-CN": "联系人", "en": "Contact"}, "fields": [
              {"name": "account", "type": "reference", "target": "account", "label": {"zh-CN": "客户", "en": "Account"}},
              {"name": "tier", "type": "formula", "expression": "account.revenue", "resultType": "number",
               "label": {"zh-CN": "级别", "en": "Tier"}}]}"""),
        MetamodelJson.mapper().readTree("""
            {"kind": "entity", "name": "account", "label": {"zh-CN": "客户", "en": "Account"}, "fields": []}"""));
    List<Problem> problems = VALIDATOR.validate(defs);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message("en").contains("account.revenue"), problems.toString());
  }

  private static List<JsonNode> definitions(JsonNode c) {
    List<JsonNode> defs = new ArrayList<>();
    if (c.has("definitions")) {
      c.get("definitions").forEach(defs::add);
      return defs;
    }
    ObjectNode entity = (ObjectNode) base();
    if (c.has("entity")) {
      c.get("entity").fields().forEachRemaining(e -> entity.set(e.getKey(), e.getValue().deepCopy()));
    }
    if (c.has("field")) {
      ObjectNode field = c.get("field").deepCopy();
      if (!field.has("label") && !c.path("keepLabel").asBoolean()) {
        field.putObject("label").put("zh-CN", "字段").put("en", "Field");
      }
      ((ArrayNode) entity.get("fields")).add(field);
    }
    defs.add(entity);
    return defs;
  }

  private static JsonNode base() {
    try {
      return MetamodelJson.mapper().readTree("""
          {"kind": "entity", "name": "lead", "label": {"zh-CN": "线索", "en": "Lead"},
           "fields": [{"name": "name", "type": "text", "label": {"zh-CN": "名称", "en": "Name"}}]}""");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = MetadataValidatorTest.class.getResourceAsStream(resource)) {
      return MetamodelJson.mapper().readTree(in);
    }
  }
}
