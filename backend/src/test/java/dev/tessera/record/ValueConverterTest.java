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
    assertTrue(half.zh().contains("整数"), half.zh());
    assertThrows(ValueConverter.BadValue.class, () -> ValueConverter.convert(field(true), 2147483648L));
  }

  @Test
  void aNumberWithoutTheOptionStaysExact() {
    assertEquals(new BigDecimal("2.50"), ValueConverter.convert(field(false), "2.50"));
  }
}
