package dev.tessera.audit;

import java.util.List;

/**
 * One page of an audit listing, newest first: its entries, the cursors of its first and last entry, whether
 * more follow and whether it started after a cursor.
 */
public record AuditPage<T>(List<T> entries, String startCursor, String endCursor, boolean hasNextPage,
    boolean hasPreviousPage) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
