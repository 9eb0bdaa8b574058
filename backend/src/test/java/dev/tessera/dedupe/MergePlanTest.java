package dev.tessera.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.DataRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-field survivorship without a database: kept, filled in order, chosen, and what is never taken. */
class MergePlanTest {
  static final EntityDefinition CUSTOMER = entity();

  static EntityDefinition entity() {
    try {
      JsonNode n = MetamodelJson.mapper().readTree("""
          {"kind": "entity", "name": "customer", "label": {"zh-CN": "客户", "en": "Customer"}, "fields": [
            {"name": "name", "type": "text", "label": {"zh-CN": "名称", "en": "Name"}},
            {"name": "city", "type": "text", "label": {"zh-CN": "城市", "en": "City"}},
            {"name": "tags", "type": "tags", "label": {"zh-CN": "标签", "en": "Tags"}},
            {"name": "note", "type": "text", "readOnly": true, "label": {"zh-CN": "备注", "en": "Note"}},
            {"name": "level", "type": "formula", "resultType": "text", "expression": "'x'", "label": {"zh-CN": "等级", "en": "Level"}}]}""");
      return MetamodelJson.readEntity(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static DataRecord record(Object... kv) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      data.put((String) kv[i], kv[i + 1]);
    }
    return new DataRecord(UUID.randomUUID(), data, "wang", 1, null, null, null, null, null);
  }

  @Test
  void blanksAreFilledFromTheFirstMergedRecordThatHasAValue() {
    DataRecord s = record("name", "S", "city", " ", "tags", List.of());
    DataRecord m1 = record("name", "M1", "tags", List.of("vip"));
    DataRecord m2 = record("name", "M2", "city", "Wuhan", "tags", List.of("new"), "note", "n", "level", "y");
    MergePlan plan = MergePlan.of(CUSTOMER, s, List.of(m1, m2), List.of());
    assertEquals(Map.of("city", "Wuhan", "tags", List.of("vip")), plan.patch(), "name kept; computed and read-only never taken");
    assertEquals(Map.of("city", m2.id(), "tags", m1.id()), plan.sources());
  }

  @Test
  void aChoiceWinsEvenWhenItIsBlankAndTheSurvivorsOwnChoiceChangesNothing() {
    DataRecord s = record("name", "S", "city", "Beijing");
    DataRecord m1 = record("name", "M1");
    MergePlan plan = MergePlan.of(CUSTOMER, s, List.of(m1), List.of(new MergeRequest.Choice("city", m1.id()),
        new MergeRequest.Choice("name", s.id())));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("city", null);
    assertEquals(expected, plan.patch());
  }

  @Test
  void everyProblemOfARequestIsReportedWithItsPath() {
    UUID s = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    MergeRequest req = new MergeRequest("customer", s, List.of(m, s, m), List.of(new MergeRequest.Choice("level", m),
        new MergeRequest.Choice("nope", UUID.randomUUID()), new MergeRequest.Choice("createdAt", s)));
    PlatformException e = assertThrows(PlatformException.class, () -> MergePlan.check(CUSTOMER, req));
    List<String> paths = e.details().stream().map(d -> d.field() + ":" + d.code()).toList();
    assertEquals(List.of("mergedIds[1]:SURVIVOR_MERGED", "mergedIds[2]:DUPLICATE_ID", "fields[0].field:NOT_CHOOSABLE",
        "fields[1].field:UNKNOWN_FIELD", "fields[1].fromId:NOT_IN_MERGE", "fields[2].field:NOT_CHOOSABLE"), paths);
    e.details().forEach(d -> assertFalse(d.messageZh() == null || d.messageZh().equals(d.message()), d.toString()));
  }

  @Test
  void blankMeansNullEmptyTextOrEmptyCollections() {
    assertTrue(MergePlan.blank(null));
    assertTrue(MergePlan.blank("  "));
    assertTrue(MergePlan.blank(List.of()));
    assertTrue(MergePlan.blank(Map.of()));
    assertFalse(MergePlan.blank(0));
    assertFalse(MergePlan.blank(false));
  }
}
