package dev.tessera.job;

import java.time.OffsetDateTime;

/**
 * A background job and its progress: {@code done} of {@code total} (null until counted), the cursor it
 * resumes from after a restart, its state ({@code pending}, {@code running}, {@code done}, {@code failed},
 * or {@code superseded} by a newer job of the same kind and entity).
 */
public record Job(long id, String kind, String entity, int minVersion, String state, Long total, long done, String cursor,
    String error, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
  /** Share done, 0 to 100; null until the total is known. */
  public Double percent() {
    if (total == null) {
      return null;
    }
    return total == 0 ? 100.0 : Math.min(100.0, 100.0 * done / total);
  }
}
