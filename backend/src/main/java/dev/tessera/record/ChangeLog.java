package dev.tessera.record;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Port of the change feed's write side: appends the changes of a write in the write's own
 * transaction, so they commit or roll back with it (the transactional outbox).
 */
public interface ChangeLog {
  Uni<Void> append(Tx tx, List<RecordChanged> changes);
}
