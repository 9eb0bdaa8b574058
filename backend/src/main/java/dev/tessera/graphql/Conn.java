package dev.tessera.graphql;

import dev.tessera.record.DataRecord;
import dev.tessera.record.OrderKey;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A fetched page of a connection; totalCount is only queried when asked for. */
record Conn(List<DataRecord> rows, List<OrderKey> order, boolean hasNext, boolean hasPrevious,
    Supplier<CompletionStage<Long>> total) {

  static Conn of(List<DataRecord> fetched, dev.tessera.record.Page page, Supplier<CompletionStage<Long>> total) {
    int wanted = page.limit() - 1;
    boolean more = fetched.size() > wanted;
    List<DataRecord> rows = !more ? fetched
        : page.backward() ? fetched.subList(fetched.size() - wanted, fetched.size()) : fetched.subList(0, wanted);
    boolean next = page.backward() ? page.after() != null : more;
    boolean prev = page.backward() ? more : page.after() != null;
    return new Conn(rows, page.order(), next, prev, total);
  }

  /** One edge: the cursor is computed from the row only when selected. */
  record Edge(DataRecord node, List<OrderKey> order) {
    String cursor() {
      return Cursors.encode(node, order);
    }
  }
}
