package dev.tessera.record;

import dev.tessera.platform.PlatformException.FieldError;
import java.util.List;
import java.util.UUID;

/**
 * What became of one row of an import: {@code created} (with its id), {@code skipped} (a duplicate
 * the matching rule's import action skips) or {@code failed} (with the problems, field by field); a
 * created row may carry warnings (a duplicate warned about or linked).
 * Rows are numbered from 1.
 */
public record ImportRow(int row, Status status, UUID id, List<FieldError> problems, List<FieldError> warnings) {
  public enum Status { CREATED, SKIPPED, FAILED }
}
