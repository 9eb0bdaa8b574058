package dev.tessera.change;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One write of a record as the audit trail shows it: who ({@code actor}), when ({@code at}), through which
 * path ({@code path}: graphql, import, merge, pool, recycle, assignment, formula, flow ...), and each changed
 * field with its value before and after. The fields are a list so that a reader who may not see a field can
 * be given the entry without it.
 */
public record AuditEntry(long position, String entity, UUID recordId, String operation, int version, String actor,
    String path, OffsetDateTime at, List<FieldChange> changes, String ownerBefore, String ownerAfter) {
  public AuditEntry {
    changes = List.copyOf(changes);
  }

  /** One field's value before and after a write (null: no value). */
  public record FieldChange(String field, Object before, Object after) {}

  /** The entry of a change the feed delivered. */
  public static AuditEntry of(Change c) {
    List<FieldChange> fields = new ArrayList<>();
    c.changes().forEach((field, pair) -> {
      Map<?, ?> p = pair instanceof Map<?, ?> m ? m : Map.of();
      fields.add(new FieldChange(field, p.get("before"), p.get("after")));
    });
    fields.sort(java.util.Comparator.comparing(FieldChange::field));
    return new AuditEntry(c.position(), c.entity(), c.recordId(), c.operation(), c.version(), c.actor(), c.source(),
        c.committedAt(), fields, c.ownerBefore(), c.ownerAfter());
  }
}
