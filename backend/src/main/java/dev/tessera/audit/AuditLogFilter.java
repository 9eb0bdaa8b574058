package dev.tessera.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which security events to list: by actor, by subject, of some kinds, from (inclusive) and to (exclusive)
 * a time; null parts do not filter.
 */
public record AuditLogFilter(String actor, String subject, List<SecurityEvent.Kind> kinds, OffsetDateTime from,
    OffsetDateTime to) {
  public static final AuditLogFilter ALL = new AuditLogFilter(null, null, null, null, null);

  public AuditLogFilter {
    kinds = kinds == null || kinds.isEmpty() ? null : List.copyOf(kinds);
  }
}
