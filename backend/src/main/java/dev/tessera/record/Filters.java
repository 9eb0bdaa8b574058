package dev.tessera.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured conditions of metadata ({@code {"field": "status", "op": "in", "value": ["new"]}}, as in
 * assignment rules) as a storage {@link Filter}, so engines can count and select with indexes
 * instead of reading every record. All conditions must hold.
 */
public final class Filters {
  private Filters() {}

  public static Filter conditions(EntityDefinition e, JsonNode conditions) {
    List<Filter> parts = new ArrayList<>();
    for (JsonNode c : conditions) {
      FieldDefinition f = e.field(c.path("field").asText()).orElseThrow(
          () -> new IllegalArgumentException("no field " + c.path("field").asText() + " in " + e.name()));
      Column column = Column.of(f);
      Object raw = MetamodelJson.mapper().convertValue(c.path("value"), Object.class);
      boolean array = f.valueType().storage() == FieldType.Storage.ARRAY;
      parts.add(switch (c.path("op").asText()) {
        case "eq" -> new Filter.Compare(column, Filter.Op.EQ, ValueConverter.convert(f, raw));
        case "ne" -> new Filter.Compare(column, Filter.Op.NE, ValueConverter.convert(f, raw));
        case "in" -> new Filter.Compare(column, Filter.Op.IN, each(f, raw));
        case "notIn" -> new Filter.Compare(column, Filter.Op.NOT_IN, each(f, raw));
        case "gt" -> new Filter.Compare(column, Filter.Op.GT, ValueConverter.convert(f, raw));
        case "gte" -> new Filter.Compare(column, Filter.Op.GTE, ValueConverter.convert(f, raw));
        case "lt" -> new Filter.Compare(column, Filter.Op.LT, ValueConverter.convert(f, raw));
        case "lte" -> new Filter.Compare(column, Filter.Op.LTE, ValueConverter.convert(f, raw));
        case "isBlank" -> new Filter.Compare(column, Filter.Op.IS_NULL, true);
        case "isNotBlank" -> new Filter.Compare(column, Filter.Op.IS_NULL, false);
        case "contains" -> array ? new Filter.Compare(column, Filter.Op.HAS_ALL, List.of(String.valueOf(raw)))
            : new Filter.Compare(column, Filter.Op.CONTAINS, String.valueOf(raw));
        default -> throw new IllegalArgumentException("unknown condition operator " + c.path("op").asText());
      });
    }
    return new Filter.And(parts);
  }

  private static List<Object> each(FieldDefinition f, Object raw) {
    List<Object> out = new ArrayList<>();
    for (Object o : raw instanceof List<?> l ? l : List.of(raw)) {
      out.add(ValueConverter.convert(f.valueType() == FieldType.MULTI_PICKLIST || f.valueType() == FieldType.TAGS
          ? FieldType.TEXT : f.valueType(), o));
    }
    return out;
  }
}
