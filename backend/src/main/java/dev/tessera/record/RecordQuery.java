package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;

/** Records of one entity matching a filter, in a page; {@code deleted} reads the recycle bin. */
public record RecordQuery(EntityDefinition entity, Filter filter, Page page, boolean deleted) {

  /** Live records whose {@code field} equals {@code value} (already in stored form), in id order. */
  public static RecordQuery byField(EntityDefinition entity, String field, Object value, int limit) {
    Filter f = new Filter.Compare(Column.of(entity.field(field).orElseThrow()), Filter.Op.EQ, value);
    Page page = new Page(java.util.List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, limit);
    return new RecordQuery(entity, f, page, false);
  }
}
