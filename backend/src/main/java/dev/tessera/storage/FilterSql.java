package dev.tessera.storage;

import dev.tessera.record.Filter;
import java.util.List;

/** The SQL condition a filter compiles to and its bound values, for diagnostics and the filter fuzz test. */
public final class FilterSql {
  private FilterSql() {}

  /** The condition, with each value bound as {@code $n}; {@code params} receives the values in order. */
  public static String render(Filter filter, List<Object> params) {
    RecordSql b = new RecordSql();
    String sql = b.filter(filter);
    params.addAll(b.params());
    return sql;
  }
}
