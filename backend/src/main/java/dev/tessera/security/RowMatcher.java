package dev.tessera.security;

import dev.tessera.metamodel.model.FieldType;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * Tests one stored record against a record-scope filter the way PostgreSQL evaluates the same filter
 * in a query (three-valued: a comparison with a blank value is unknown, and {@code not unknown} is
 * unknown too, so the record does not match). The reader uses it to decide, per record already read,
 * which fields a caller sees when a field's records are fewer than the entity's. It knows the
 * operators scopes produce: comparisons, {@code in}, {@code not in} and blank checks on scalar columns.
 */
public final class RowMatcher {
  private RowMatcher() {}

  public static boolean matches(Filter filter, DataRecord record) {
    return Boolean.TRUE.equals(test(filter, record));
  }

  /** True, false, or null for unknown. */
  static Boolean test(Filter filter, DataRecord r) {
    if (filter instanceof Filter.And and) {
      return junction(and.parts(), false, r);
    }
    if (filter instanceof Filter.Or or) {
      return junction(or.parts(), true, r);
    }
    if (filter instanceof Filter.Not not) {
      Boolean v = test(not.inner(), r);
      return v == null ? null : !v;
    }
    if (filter instanceof Filter.Sla) {
      return null; // SLA state is not on the record: unknown here
    }
    return compare((Filter.Compare) filter, r);
  }

  /** And ({@code decisive} false) or or ({@code decisive} true): one decisive part decides, else unknown wins over the rest. */
  private static Boolean junction(java.util.List<Filter> parts, boolean decisive, DataRecord r) {
    Boolean out = !decisive;
    for (Filter p : parts) {
      Boolean v = test(p, r);
      if (v != null && v == decisive) {
        return decisive;
      }
      out = v == null ? null : out;
    }
    return out;
  }

  private static Boolean compare(Filter.Compare c, DataRecord r) {
    Object v = r.value(c.column());
    return switch (c.op()) {
      case IS_NULL -> (v == null) == Boolean.TRUE.equals(c.value());
      case EQ -> v == null ? null : order(c.column(), v, c.value()) == 0;
      case NE -> v == null || order(c.column(), v, c.value()) != 0;
      case LT -> v == null ? null : order(c.column(), v, c.value()) < 0;
      case LTE -> v == null ? null : order(c.column(), v, c.value()) <= 0;
      case GT -> v == null ? null : order(c.column(), v, c.value()) > 0;
      case GTE -> v == null ? null : order(c.column(), v, c.value()) >= 0;
      case IN -> v == null ? null : contains(c.column(), (Collection<?>) c.value(), v);
      case NOT_IN -> v == null || !contains(c.column(), (Collection<?>) c.value(), v);
      default -> throw new IllegalArgumentException("record scopes do not use " + c.op());
    };
  }

  private static boolean contains(Column column, Collection<?> values, Object v) {
    for (Object x : values) {
      if (order(column, v, x) == 0) {
        return true;
      }
    }
    return false;
  }

  /** The order of two values of the column (0: equal), as the column's SQL type orders them. */
  private static int order(Column column, Object a, Object b) {
    FieldType.Storage storage = storage(column);
    return switch (storage) {
      case NUMERIC -> new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
      case TIMESTAMP -> OffsetDateTime.parse(a.toString()).toInstant().compareTo(OffsetDateTime.parse(b.toString()).toInstant());
      case BOOLEAN -> Boolean.compare(Boolean.parseBoolean(a.toString()), Boolean.parseBoolean(b.toString()));
      case DATE -> java.time.LocalDate.parse(a.toString()).compareTo(java.time.LocalDate.parse(b.toString()));
      case TEXT -> column.system() == dev.tessera.record.SystemColumn.ID ? a.toString().compareToIgnoreCase(b.toString())
          : a.toString().equals(b.toString()) ? 0 : 1;
      default -> throw new IllegalArgumentException("record scopes do not compare " + storage + " values");
    };
  }

  private static FieldType.Storage storage(Column c) {
    if (c.field() != null) {
      return c.field().valueType().storage();
    }
    return switch (c.system()) {
      case VERSION -> FieldType.Storage.NUMERIC;
      case CREATED_AT, UPDATED_AT, DELETED_AT -> FieldType.Storage.TIMESTAMP;
      default -> FieldType.Storage.TEXT;
    };
  }
}
