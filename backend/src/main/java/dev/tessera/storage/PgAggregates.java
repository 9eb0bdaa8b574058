package dev.tessera.storage;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.AggregateRequest;
import dev.tessera.record.AggregateRow;
import dev.tessera.record.Column;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** count/sum/avg/min/max with GROUP BY in one statement; groups are capped at 1,000. */
final class PgAggregates {
  static final int MAX_GROUPS = 1000;
  private static final String[] FUNCTIONS = {"sum", "avg", "min", "max"};
  private final PgSql sql;

  PgAggregates(PgSql sql) {
    this.sql = sql;
  }

  Uni<List<AggregateRow>> run(Tx tx, AggregateRequest req) {
    RecordSql b = new RecordSql();
    List<String> select = new ArrayList<>();
    for (Column g : req.groupBy()) {
      select.add(EntitySql.expr(g) + "::text");
    }
    select.add("count(*)");
    for (FieldDefinition f : req.measured()) {
      for (String fn : FUNCTIONS) {
        select.add(fn + "(" + EntitySql.expr(f) + ")::text");
      }
    }
    StringBuilder stmt = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ")
        .append(EntitySql.table(req.entity())).append(" WHERE ").append(b.where(req.filter(), false));
    if (!req.groupBy().isEmpty()) {
      String ordinals = ordinals(req.groupBy().size());
      stmt.append(" GROUP BY ").append(ordinals).append(" ORDER BY ").append(ordinals);
    }
    stmt.append(" LIMIT ").append(MAX_GROUPS);
    return sql.query(tx, stmt.toString(), Tuple.from(b.params())).map(rows -> {
      List<AggregateRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(row(r, req)));
      return out;
    });
  }

  private static String ordinals(int n) {
    List<String> o = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      o.add(Integer.toString(i));
    }
    return String.join(", ", o);
  }

  private static AggregateRow row(Row r, AggregateRequest req) {
    Map<String, Object> group = new LinkedHashMap<>();
    int i = 0;
    for (Column g : req.groupBy()) {
      group.put(g.apiName(), r.getString(i++));
    }
    long count = r.getLong(i++);
    List<Map<String, Object>> byFn = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(),
        new LinkedHashMap<>(), new LinkedHashMap<>());
    for (FieldDefinition f : req.measured()) {
      for (int fn = 0; fn < FUNCTIONS.length; fn++) {
        String v = r.getString(i++);
        byFn.get(fn).put(f.name(), v == null ? null : value(f, v));
      }
    }
    return new AggregateRow(group, count, byFn.get(0), byFn.get(1), byFn.get(2), byFn.get(3));
  }

  private static Object value(FieldDefinition f, String v) {
    return switch (f.valueType().storage()) {
      case NUMERIC -> new BigDecimal(v);
      default -> v;
    };
  }
}
