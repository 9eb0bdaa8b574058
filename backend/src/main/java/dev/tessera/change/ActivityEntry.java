package dev.tessera.change;

import dev.tessera.audit.ActivityKey;
import dev.tessera.audit.SecurityEvent;

/** One entry of a user's activity: a record change they made, or a security event by or about them. */
public record ActivityEntry(ActivityKey key, AuditEntry change, SecurityEvent event) {
  static ActivityEntry of(AuditEntry c) {
    return new ActivityEntry(new ActivityKey(c.at(), ActivityKey.RECORD, c.position()), c, null);
  }

  static ActivityEntry of(SecurityEvent e) {
    return new ActivityEntry(new ActivityKey(e.at(), ActivityKey.SECURITY, e.id()), null, e);
  }

  /** Newest first: later time, then record changes before security events, then higher id. */
  static final java.util.Comparator<ActivityEntry> NEWEST_FIRST = java.util.Comparator
      .comparing((ActivityEntry a) -> a.key().at()).thenComparingInt(a -> a.key().rank())
      .thenComparingLong(a -> a.key().id()).reversed();
}
