package dev.tessera.record;

import java.util.List;

/**
 * A keyset page request: {@code after} holds the order-key values of the last row seen (decoded from a
 * cursor), {@code backward} reads the page before it (Relay {@code last}/{@code before}).
 * {@code limit} includes one extra row so callers learn whether more exist.
 */
public record Page(List<OrderKey> order, List<Object> after, boolean backward, int limit) {
  public Page {
    order = List.copyOf(order);
    after = after == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(after));
  }
}
