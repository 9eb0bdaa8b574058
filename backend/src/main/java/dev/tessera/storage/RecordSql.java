package dev.tessera.storage;

import dev.tessera.metamodel.model.FieldType;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Compiles filters, orders and keyset pages to parameterized SQL. Values are always bound ({@code
 * $n}) as text and cast in SQL to the column's type, next to exactly the expression the indexes use.
 */
final class RecordSql {
  static final String COLUMNS =
      "id, data::text AS data, owner_id, version, created_at, updated_at, created_by, updated_by, deleted_at";

  private final List<Object> params = new ArrayList<>();

  List<Object> params() {
    return params;
  }

  String bind(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  String where(Filter filter, boolean deleted) {
    String live = deleted ? "deleted_at IS NOT NULL" : "deleted_at IS NULL";
    String f = filter(filter);
    return f.equals("TRUE") ? live : live + " AND " + f;
  }

  String filter(Filter filter) {
    if (filter instanceof Filter.And and) {
      return join(and.parts(), " AND ", "TRUE");
    }
    if (filter instanceof Filter.Or or) {
      return join(or.parts(), " OR ", "FALSE");
    }
    if (filter instanceof Filter.Not not) {
      return "NOT (" + filter(not.inner()) + ")";
    }
    if (filter instanceof Filter.Sla sla) {
      return SlaSql.records(sla.policy() == null ? null : bind(sla.policy()),
          sla.statuses().isEmpty() ? null : bind(sla.statuses().toArray(String[]::new)),
          sla.dueBefore() == null ? null : bind(sla.dueBefore().toString()));
    }
    return compare((Filter.Compare) filter);
  }

  private String join(List<Filter> parts, String op, String empty) {
    if (parts.isEmpty()) {
      return empty;
    }
    List<String> sql = new ArrayList<>();
    for (Filter p : parts) {
      sql.add("(" + filter(p) + ")");
    }
    return String.join(op, sql);
  }

  private String compare(Filter.Compare c) {
    String e = EntitySql.expr(c.column());
    String t = EntitySql.paramCast(c.column());
    Object v = c.value();
    return switch (c.op()) {
      case IS_NULL -> e + (Boolean.TRUE.equals(v) ? " IS NULL" : " IS NOT NULL");
      case EQ -> e + " = " + typed(v, t);
      case NE -> e + " IS DISTINCT FROM " + typed(v, t);
      case LT -> e + " < " + typed(v, t);
      case LTE -> e + " <= " + typed(v, t);
      case GT -> e + " > " + typed(v, t);
      case GTE -> e + " >= " + typed(v, t);
      case IN -> e + " = ANY(" + typedArray((Collection<?>) v, t) + ")";
      case NOT_IN -> "(" + e + " IS NULL OR NOT (" + e + " = ANY(" + typedArray((Collection<?>) v, t) + ")))";
      case CONTAINS -> e + " ILIKE " + bind("%" + escapeLike(v.toString()) + "%");
      case STARTS_WITH -> e + " LIKE " + bind(escapeLike(v.toString()) + "%");
      case HAS_ALL -> e + " @> " + bind(Json.write(v)) + "::text::jsonb";
      case HAS_ANY -> e + " ?| " + bind(strings((Collection<?>) v)) + "::text[]";
    };
  }

  private String typed(Object v, String type) {
    return bind(text(v)) + "::text::" + type;
  }

  private String typedArray(Collection<?> values, String type) {
    return bind(strings(values)) + "::text[]::" + type + "[]";
  }

  private static String[] strings(Collection<?> values) {
    return values.stream().map(RecordSql::text).toArray(String[]::new);
  }

  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof java.math.BigDecimal b) {
      return b.toPlainString();
    }
    return v.toString();
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** ORDER BY for the page's keys in the direction of reading. */
  static String orderBy(Page page) {
    List<String> parts = new ArrayList<>();
    for (OrderKey k : page.order()) {
      parts.add(EntitySql.expr(k.column()) + (descending(k, page) ? " DESC" : " ASC"));
    }
    return String.join(", ", parts);
  }

  private static boolean descending(OrderKey k, Page page) {
    return k.descending() != page.backward();
  }

  /**
   * Rows strictly after {@code page.after()} in reading order; PostgreSQL's defaults put nulls last
   * ascending and first descending, which is what this expansion assumes.
   */
  String keyset(Page page) {
    if (page.after() == null) {
      return "TRUE";
    }
    List<String> ors = new ArrayList<>();
    List<String> equalPrefix = new ArrayList<>();
    for (int i = 0; i < page.order().size(); i++) {
      OrderKey k = page.order().get(i);
      String e = EntitySql.expr(k.column());
      String t = EntitySql.paramCast(k.column());
      Object v = page.after().get(i);
      boolean notNull = k.column().system() != null && k.column().system() != dev.tessera.record.SystemColumn.OWNER_ID
          && k.column().system() != dev.tessera.record.SystemColumn.CREATED_BY
          && k.column().system() != dev.tessera.record.SystemColumn.UPDATED_BY;
      String after = after(e, t, v, descending(k, page), notNull);
      if (after != null) {
        List<String> and = new ArrayList<>(equalPrefix);
        and.add(after);
        ors.add("(" + String.join(" AND ", and) + ")");
      }
      if (i < page.order().size() - 1) {
        equalPrefix.add(v == null ? e + " IS NULL" : e + " = " + typed(v, t));
      }
    }
    return ors.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ors) + ")";
  }

  private String after(String e, String t, Object v, boolean desc, boolean notNull) {
    if (v == null) {
      return desc ? e + " IS NOT NULL" : null;
    }
    if (desc || notNull) {
      return e + (desc ? " < " : " > ") + typed(v, t);
    }
    return "(" + e + " > " + typed(v, t) + " OR " + e + " IS NULL)";
  }

  /** The value of an order key in a stored row, as text for a cursor. */
  static boolean isScalar(Column c) {
    if (c.system() != null) {
      return true;
    }
    FieldType.Storage s = c.field().valueType().storage();
    return s != FieldType.Storage.ARRAY && s != FieldType.Storage.JSON;
  }
}
