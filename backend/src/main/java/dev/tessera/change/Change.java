package dev.tessera.change;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One change as the feed delivers it: its position (commit order, the subscribers' checkpoint), the
 * record, the operation, the changed fields with before and after, owners, who and through which
 * path ({@code graphql}, {@code import}, {@code merge} ...), and when it committed.
 */
public record Change(long position, String entity, UUID recordId, String operation, int version,
    Map<String, Object> changes, String ownerBefore, String ownerAfter, String actor, String source,
    OffsetDateTime committedAt) {
  public Change {
    changes = Map.copyOf(changes);
  }

  /** True when the change gave the record another owner. */
  public boolean ownerChanged() {
    return "UPDATE".equals(operation) && !java.util.Objects.equals(ownerBefore, ownerAfter);
  }
}
