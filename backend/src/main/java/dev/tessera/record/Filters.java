package dev.tessera.record;

import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.Condition;
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

  public static Filter conditions(EntityDefinition e, List<Condition> conditions) {
    List<Filter> parts = new ArrayList<>();
    for (Condition c : conditions) {
      FieldDefinition f = (c.field() == null ? java.util.Optional.<FieldDefinition>empty() : e.field(c.field()))
          .orElseThrow(() -> new IllegalArgumentException("no field " + c.field() + " in " + e.name()));
      if (c.op() == null) {
        throw new IllegalArgumentException("unknown condition operator on " + c.field());
      }
      Column column = Column.of(f);
      Object raw = MetamodelJson.mapper().convertValue(c.value(), Object.class);
      boolean array = f.valueType().storage() == FieldType.Storage.ARRAY;
      parts.add(switch (c.op()) {
        case EQ -> new Filter.Compare(column, Filter.Op.EQ, ValueConverter.convert(f, raw));
        case NE -> new Filter.Compare(column, Filter.Op.NE, ValueConverter.convert(f, raw));
        case IN -> new Filter.Compare(column, Filter.Op.IN, each(f, raw));
        case NOT_IN -> new Filter.Compare(column, Filter.Op.NOT_IN, each(f, raw));
        case GT -> new Filter.Compare(column, Filter.Op.GT, ValueConverter.convert(f, raw));
        case GTE -> new Filter.Compare(column, Filter.Op.GTE, ValueConverter.convert(f, raw));
        case LT -> new Filter.Compare(column, Filter.Op.LT, ValueConverter.convert(f, raw));
        case LTE -> new Filter.Compare(column, Filter.Op.LTE, ValueConverter.convert(f, raw));
        case IS_BLANK -> new Filter.Compare(column, Filter.Op.IS_NULL, true);
        case IS_NOT_BLANK -> new Filter.Compare(column, Filter.Op.IS_NULL, false);
        case CONTAINS -> array ? new Filter.Compare(column, Filter.Op.HAS_ALL, List.of(String.valueOf(raw)))
            : new Filter.Compare(column, Filter.Op.CONTAINS, String.valueOf(raw));
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
