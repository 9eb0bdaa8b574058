package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.json.WebhookSourceJson;
import dev.tessera.metamodel.model.WebhookSourceDefinition;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inbound webhook sources: a valid one is accepted and read; each mistake is found at its path. */
class WebhookSourceValidatorTest {
  private static final MetadataValidator VALIDATOR = new MetadataValidator();
  private static final String ENTITY = """
      {"kind": "entity", "name": "lead", "label": {"zh-CN": "线索", "en": "Lead"}, "fields": [
        {"name": "name", "type": "text", "label": {"zh-CN": "姓名", "en": "Name"}},
        {"name": "phone", "type": "phone", "label": {"zh-CN": "手机", "en": "Phone"}}]}""";
  private static final String SOURCE = """
      {"kind": "webhookSource", "name": "douyin", "label": {"zh-CN": "抖音线索", "en": "Douyin leads"}, "entity": "lead",
       "auth": {"type": "hmac", "secret": "douyinHook"}, "idempotencyKey": "/clue_id",
       "mapping": {"name": "/form_data/name", "phone": {"from": "/form_data/telephone", "required": false}},
       "match": {"fields": ["phone"]}}""";

  @Test
  void aValidSourceIsAcceptedAndRead() throws IOException {
    assertEquals(List.of(), VALIDATOR.validate(List.of(json(ENTITY), json(SOURCE))));
    WebhookSourceDefinition d = WebhookSourceJson.webhookSource(json(SOURCE));
    assertEquals(WebhookSourceDefinition.AuthType.HMAC, d.auth().type());
    assertEquals("/form_data/name", d.mapping().get("name").from());
    assertTrue(d.mapping().get("name").required());
    assertEquals(false, d.mapping().get("phone").required());
    assertEquals(List.of("phone"), d.match().fields());
    assertEquals(List.of(), Messages.of("webhookSource").problems());
  }

  @Test
  void anUnknownFieldIsFoundInTheMapping() throws IOException {
    ObjectNode s = (ObjectNode) json(SOURCE);
    ((ObjectNode) s.get("mapping")).put("wechat", "/wx");
    assertProblem(s, "INVALID_OPTION", "$[1].mapping.wechat");
  }

  @Test
  void aMatchFieldMustBeMapped() throws IOException {
    ObjectNode s = (ObjectNode) json(SOURCE);
    ((ObjectNode) s.get("mapping")).remove("phone");
    assertProblem(s, "INVALID_OPTION", "$[1].match.fields[0]");
  }

  @Test
  void anUnknownEntityIsNamed() throws IOException {
    ObjectNode s = (ObjectNode) json(SOURCE);
    s.put("entity", "order");
    assertProblem(s, "UNKNOWN_TARGET", "$[1].entity");
  }

  @Test
  void aPointerMustBeAJsonPointerAndTheSecretOnlyAName() throws IOException {
    ObjectNode s = (ObjectNode) json(SOURCE);
    s.put("idempotencyKey", "clue_id");
    List<Problem> problems = VALIDATOR.validate(List.of(json(ENTITY), s));
    assertTrue(problems.stream().anyMatch(p -> p.path().startsWith("$[1].idempotencyKey")), problems.toString());
    ObjectNode t = (ObjectNode) json(SOURCE);
    ((ObjectNode) t.get("auth")).put("secret", "s3cr3t value with spaces");
    problems = VALIDATOR.validate(List.of(json(ENTITY), t));
    assertTrue(problems.stream().anyMatch(p -> p.path().startsWith("$[1].auth.secret")), problems.toString());
  }

  private static void assertProblem(JsonNode source, String code, String path) throws IOException {
    List<Problem> problems = VALIDATOR.validate(List.of(json(ENTITY), source));
    assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.path().equals(path)),
        "expected " + code + " at " + path + ", got " + problems);
    problems.forEach(p -> assertTrue(p.message("zh-CN").codePoints().anyMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff), p.toString()));
  }

  private static JsonNode json(String s) throws IOException {
    return MetamodelJson.mapper().readTree(s);
  }
}
