package dev.tessera.job;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Does one kind of background job, a step (a page) at a time: each step runs in its own transaction,
 * which also records the step's progress, so a job resumes after a crash from its last committed
 * step. Steps must be idempotent for the page they redo.
 */
public interface JobHandler {
  String kind();

  /** One step of {@code job}: its work in {@code tx}, and where the job stands afterwards. */
  Uni<Step> step(Tx tx, Job job);

  /** Where a job stands after a step; {@link #WAIT}: it cannot run on this node yet, nothing was done. */
  record Step(String cursor, long done, Long total, boolean finished) {
    public static final Step WAIT = new Step(null, -1, null, false);
  }
}
