package dev.tessera.metadata;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Work a publish does inside its transaction after the DDL, on the data of the new version (e.g.
 * recomputing stored formulas whose expression changed). A failure aborts the publish; in a dry run
 * the work is done and rolled back, so the reported changes are real counts.
 */
public interface PublishStep {
  /** Descriptions of what was changed, for the publish result. */
  Uni<List<String>> apply(Tx tx, MetadataSnapshot before, MetadataSnapshot candidate);
}
