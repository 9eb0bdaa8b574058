package dev.tessera.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tessera.metamodel.json.MetamodelJson;
import java.util.Map;

/**
 * JSON text to and from Java values for JSONB columns, with the one configured mapper
 * ({@link MetamodelJson#mapper()}): decimals stay BigDecimal both ways, so money never passes through a double.
 */
final class Json {
  private static final ObjectMapper MAPPER = MetamodelJson.mapper();
  private static final ObjectReader MAP_READER = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {});

  private Json() {}

  static Map<String, Object> toMap(String json) {
    try {
      return MAP_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON could not be read", e);
    }
  }

  /** Any stored JSON as plain Java values (maps, lists, strings, BigDecimal, booleans). */
  static Object value(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON could not be read", e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON could not be read", e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON", e);
    }
  }
}
