package dev.tessera.metamodel.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.OnDelete;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MetamodelJsonTest {
  private static ObjectNode json(String s) throws IOException {
    return (ObjectNode) MetamodelJson.mapper().readTree(s);
  }

  @Test
  void newDefinitionGetsIdsEverywhere() throws IOException {
    ObjectNode out = MetamodelJson.assignIds(json("""
        {"kind": "entity", "name": "lead", "fields": [{"name": "a"}, {"name": "b"}],
         "rules": [{"name": "r"}]}"""), null);
    assertTrue(out.get("id").asText().startsWith("entity_"));
    assertTrue(out.get("fields").get(0).get("id").asText().startsWith("fld_"));
    assertNotEquals(out.get("fields").get(0).get("id"), out.get("fields").get(1).get("id"));
    assertTrue(out.get("rules").get(0).get("id").asText().startsWith("rule_"));
  }

  @Test
  void idsAreTakenFromThePublishedItemOfTheSameName() throws IOException {
    JsonNode previous = json("""
        {"kind": "entity", "id": "entity_1", "name": "lead", "fields": [{"id": "fld_a", "name": "a"}]}""");
    ObjectNode out = MetamodelJson.assignIds(json("""
        {"kind": "entity", "name": "lead", "fields": [{"name": "b"}, {"name": "a"}]}"""), previous);
    assertEquals("entity_1", out.get("id").asText());
    assertEquals("fld_a", out.get("fields").get(1).get("id").asText());
    assertNotEquals("fld_a", out.get("fields").get(0).get("id").asText());
  }

  @Test
  void sentIdsAreKeptSoRenamesKeepIdentity() throws IOException {
    JsonNode previous = json("""
        {"kind": "entity", "id": "entity_1", "name": "lead", "fields": [{"id": "fld_a", "name": "a"}]}""");
    ObjectNode out = MetamodelJson.assignIds(json("""
        {"kind": "entity", "id": "entity_1", "name": "lead", "fields": [{"id": "fld_a", "name": "renamed"}]}"""),
        previous);
    assertEquals("fld_a", out.get("fields").get(0).get("id").asText());
    assertEquals("renamed", out.get("fields").get(0).get("name").asText());
  }

  @Test
  void readsEveryPartOfAnEntity() throws IOException {
    EntityDefinition e = MetamodelJson.readEntity(json("""
        {"kind": "entity", "id": "e1", "name": "deal", "pluralName": "dealList",
         "label": {"zh-CN": "商机", "en": "Deal"},
         "fields": [
           {"id": "f1", "name": "stage", "type": "stage", "label": {"zh-CN": "阶段", "en": "Stage"},
            "options": [{"value": "new", "label": {"zh-CN": "新", "en": "New"}}], "transitions": {"new": ["won"]},
            "default": "new", "required": true},
           {"id": "f2", "name": "amount", "type": "money", "min": 0, "max": 1e9, "indexed": true,
            "label": {"zh-CN": "金额", "en": "Amount"}},
           {"id": "f3", "name": "account", "type": "reference", "target": "account",
            "label": {"zh-CN": "客户", "en": "Account"}},
           {"id": "f4", "name": "big", "type": "formula", "expression": "amount > 100", "resultType": "bool",
            "label": {"zh-CN": "大单", "en": "Big"}}],
         "rules": [{"id": "r1", "name": "positive", "assert": "amount >= 0",
                    "message": {"zh-CN": "金额不能为负", "en": "Amount cannot be negative"}}]}"""));
    assertEquals("dealList", e.pluralName());
    assertEquals("商机", e.label().get("zh-CN"));
    FieldDefinition stage = e.field("stage").orElseThrow();
    assertEquals(FieldType.STAGE, stage.type());
    assertTrue(stage.required() && stage.hasOption("new"));
    assertEquals(java.util.List.of("won"), stage.transitions().get("new"));
    assertEquals("new", stage.defaultValue().asText());
    FieldDefinition amount = e.field("amount").orElseThrow();
    assertEquals(0, amount.min().signum());
    assertTrue(amount.indexed());
    assertEquals(OnDelete.SET_NULL, e.field("account").orElseThrow().onDelete(), "setNull is the default");
    FieldDefinition big = e.fieldById("f4").orElseThrow();
    assertEquals(FieldType.BOOL, big.valueType());
    assertTrue(big.computed());
    assertNull(stage.onDelete());
    assertEquals("amount >= 0", e.rules().get(0).assertion());
  }
}
