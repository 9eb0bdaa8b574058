package dev.tessera.job;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Persistence port of background jobs; see storage. */
public interface JobStore {
  /** Queues a job, superseding the open ones of the same kind and entity; returns its id. */
  Uni<Long> enqueue(Tx tx, String kind, String entity, int minVersion);

  /** The oldest open job no other node holds, locked for this transaction; null when there is none. */
  Uni<Job> claim(Tx tx);

  /** Records a step: the new cursor, how many done, the total when known, and whether it finished. */
  Uni<Void> progress(Tx tx, long id, String cursor, long done, Long total, boolean finished);

  Uni<Void> fail(Tx tx, long id, String error);

  Uni<Job> find(Tx tx, long id);

  /** The newest jobs, of a state when given. */
  Uni<List<Job>> list(Tx tx, String state, int limit);
}
