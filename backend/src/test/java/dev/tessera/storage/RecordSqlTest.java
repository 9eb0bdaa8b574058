package dev.tessera.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.SystemColumn;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL the filters and keyset pages compile to: bound values only, index-matching expressions. */
class RecordSqlTest {
  static FieldDefinition field(String name, FieldType type) {
    return new FieldDefinition("fld_" + name, name, type, LocalizedText.of(name, name), false, false, false, false,
        null, null, null, null, null, null, null, null, null, null, null, null, false, null);
  }

  static final Column SCORE = Column.of(field("score", FieldType.NUMBER));
  static final Column NAME = Column.of(field("name", FieldType.TEXT));
  static final Column ID = Column.of(SystemColumn.ID);

  @Test
  void valuesAreBoundNeverInlined() {
    RecordSql b = new RecordSql();
    String sql = b.filter(new Filter.And(List.of(
        new Filter.Compare(NAME, Filter.Op.EQ, "x'; DROP TABLE t; --"),
        new Filter.Or(List.of(new Filter.Compare(SCORE, Filter.Op.GTE, new BigDecimal("50")),
            new Filter.Not(new Filter.Compare(NAME, Filter.Op.CONTAINS, "50%_off")))))));
    assertEquals("((data->>'name') = $1::text::text) AND ((((data->>'score')::numeric) >= $2::text::numeric) OR "
        + "(NOT ((data->>'name') ILIKE $3)))", sql);
    assertEquals(List.of("x'; DROP TABLE t; --", "50", "%50\\%\\_off%"), b.params());
  }

  @Test
  void keysetAfterMixedDirectionsWithNulls() {
    Page page = new Page(List.of(new OrderKey(SCORE, true), new OrderKey(NAME, false), new OrderKey(ID, false)),
        Arrays.asList("7", null, "0190c0de-0000-7000-8000-000000000000"), false, 21);
    RecordSql b = new RecordSql();
    String sql = b.keyset(page);
    // score DESC (nulls first) after 7: score < 7; then name ASC after null: nothing; then id ASC
    assertTrue(sql.startsWith("((((data->>'score')::numeric) < $1::text::numeric) OR ("), sql);
    assertTrue(sql.contains("(data->>'name') IS NULL AND id > $"), sql);
    assertEquals(3, b.params().size(), b.params().toString());
  }

  @Test
  void backwardReadingFlipsTheOrder() {
    Page page = new Page(List.of(new OrderKey(SCORE, true), new OrderKey(ID, true)), null, true, 11);
    assertEquals("((data->>'score')::numeric) ASC, id ASC", RecordSql.orderBy(page));
  }

  @Test
  void emptyFilterMatchesAllLiveRows() {
    assertEquals("deleted_at IS NULL", new RecordSql().where(Filter.all(), false));
    assertEquals("deleted_at IS NOT NULL", new RecordSql().where(Filter.all(), true));
  }
}
