package dev.tessera.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.FieldDefinition;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueConverterTest {
  static FieldDefinition field(boolean integer) {
    return MetamodelJson.readField(JsonNodeFactory.instance.objectNode().put("name", "seats").put("type", "number")
        .put("integer", integer));
  }

  @Test
  void anIntegerFieldKeepsWholeNumbers() {
    assertEquals(new BigDecimal("26"), ValueConverter.convert(field(true), new BigDecimal("26.00")));
    assertEquals(new BigDecimal("-2147483648"), ValueConverter.convert(field(true), "-2147483648"));
  }

  @Test
  void anIntegerFieldRefusesFractionsAndValuesBeyond32BitsInBothLanguages() {
    ValueConverter.BadValue half = assertThrows(ValueConverter.BadValue.class,
        () -> ValueConverter.convert(field(true), new BigDecimal("2.5")));
    assertTrue(half.getMessage().contains("whole number"), half.getMessage());
    assertTrue(half.text().get("zh-CN").contains("整数"), half.text().get("zh-CN"));
    assertThrows(ValueConverter.BadValue.class, () -> ValueConverter.convert(field(true), 2147483648L));
  }

  @Test
  void aNumberWithoutTheOptionStaysExact() {
    assertEquals(new BigDecimal("2.50"), ValueConverter.convert(field(false), "2.50"));
  }

  @Test
  void datesAndDateTimesStayWithinYears1To9999() {
    assertEquals("0001-01-01", ValueConverter.convert(dev.tessera.metamodel.model.FieldType.DATE, "0001-01-01"));
    assertEquals("9999-12-31", ValueConverter.convert(dev.tessera.metamodel.model.FieldType.DATE, "9999-12-31"));
    for (String bad : new String[] {"0000-01-01", "-0165-11-12", "+999999999-12-31", "+10000-01-01"}) {
      ValueConverter.BadValue e = assertThrows(ValueConverter.BadValue.class,
          () -> ValueConverter.convert(dev.tessera.metamodel.model.FieldType.DATE, bad), bad);
      assertTrue(e.getMessage().contains("0001-01-01 to 9999-12-31"), e.getMessage());
      assertTrue(e.text().get("zh-CN").contains("日期范围"), e.text().get("zh-CN"));
    }
    for (String bad : new String[] {"0000-06-01T00:00:00Z", "+999999999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:00:00-05:00"}) {
      assertThrows(ValueConverter.BadValue.class,
          () -> ValueConverter.convert(dev.tessera.metamodel.model.FieldType.DATETIME, bad), bad);
    }
  }

  @Test
  void aNulOrAHalfSurrogatePairIsRefusedAnywhereInAValue() {
    for (Object bad : new Object[] {"x\u0000y", "x\ud800y", "\udc00", "end\ud83d",
        java.util.List.of("ok", "b\u0000d"), java.util.Map.of("k", java.util.List.of(java.util.Map.of("deep", "\u0000")))}) {
      assertThrows(ValueConverter.BadValue.class, () -> ValueConverter.storable(bad), String.valueOf(bad));
    }
    ValueConverter.BadValue e = assertThrows(ValueConverter.BadValue.class,
        () -> ValueConverter.convert(dev.tessera.metamodel.model.FieldType.TEXT, "ab\u0000"));
    assertTrue(e.getMessage().contains("character 3"), e.getMessage());
    assertEquals("emoji 😀 ok", ValueConverter.convert(dev.tessera.metamodel.model.FieldType.TEXT, "emoji 😀 ok"));
  }
}
