package dev.tessera.pool;

import dev.tessera.platform.Sequence;
import dev.tessera.expression.ConditionService;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.platform.Actor;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Sends records back to their pool when one of the pool's recycle conditions holds (e.g. no
 * follow-up for 7 days): the owner is cleared and the record waits in the pool, remembering its
 * previous owner for the cool-down. A scheduled job checks each pool every {@code checkEveryMinutes};
 * an advisory lock lets one app node recycle a pool at a time.
 */
@ApplicationScoped
public class PoolRecycler {
  private static final Logger LOG = Logger.getLogger(PoolRecycler.class);
  private static final int PAGE = 500;

  private final MetadataRegistry registry;
  private final RecordService service;
  private final RecordStore records;
  private final PoolStore store;
  private final PoolService pools;
  private final ConditionService conditions;
  private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

  public PoolRecycler(MetadataRegistry registry, RecordService service, RecordStore records, PoolStore store,
      PoolService pools, ConditionService conditions) {
    this.registry = registry;
    this.service = service;
    this.records = records;
    this.store = store;
    this.pools = pools;
    this.conditions = conditions;
  }

  @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    MetadataSnapshot meta = registry.current();
    List<String> due = new ArrayList<>();
    for (PoolDefinition pool : meta.all(PoolDefinition.class)) {
      Instant last = lastRun.get(pool.name());
      if (!pool.recycle().isEmpty()
          && (last == null || !last.plusSeconds(60L * pool.checkEveryMinutes()).isAfter(Instant.now()))) {
        lastRun.put(pool.name(), Instant.now());
        due.add(pool.name());
      }
    }
    return Sequence.each(due, name -> recycle(name).invoke(n -> {
      if (n > 0) {
        LOG.infof("pool %s: %d record(s) recycled", name, n);
      }
    }).onFailure().invoke(e -> LOG.errorf(e, "recycling pool %s failed", name)).onFailure().recoverWithNull());
  }

  /** Recycles one pool now; the number of records sent back (0 when another node is at it). */
  public Uni<Integer> recycle(String poolName) {
    MetadataSnapshot meta = registry.current();
    PoolDefinition pool = pools.pool(meta, poolName);
    EntityDefinition e = meta.entity(pool.entity());
    List<String> when = pool.recycle().stream().map(PoolDefinition.Recycle::when).toList();
    when.forEach(w -> conditions.compile(meta, e.name(), w));
    return service.inOneTransaction((t, events) -> store.lockRecycling(t, poolName).chain(locked -> {
      int[] count = {0};
      return locked ? page(t, meta, e, poolName, when, null, count, events).map(v -> count[0]) : Uni.createFrom().item(0);
    }));
  }

  private Uni<Void> page(Tx t, MetadataSnapshot meta, EntityDefinition e, String pool, List<String> when, UUID after,
      int[] count, List<RecordChanged> events) {
    return records.scan(t, e, after, PAGE).chain(rows -> {
      List<DataRecord> owned = rows.stream().filter(r -> r.deletedAt() == null && r.ownerId() != null).toList();
      Uni<Void> chain = Sequence.each(owned, r -> due(t, meta, e, when, r, 0).chain(due -> {
        if (!due) {
          return Uni.createFrom().voidItem();
        }
        count[0]++;
        return service.changeOwner(t, e, r, null, Actor.SYSTEM.via("recycle"), events)
            .chain(() -> store.enter(t, pool, e.name(), r.id(), r.ownerId()));
      }));
      return rows.size() < PAGE ? chain : chain.chain(() -> page(t, meta, e, pool, when, rows.get(rows.size() - 1).id(), count, events));
    });
  }

  /** True when one of the recycle conditions from {@code i} on holds for the record. */
  private Uni<Boolean> due(Tx t, MetadataSnapshot meta, EntityDefinition e, List<String> when, DataRecord r, int i) {
    if (i >= when.size()) {
      return Uni.createFrom().item(false);
    }
    return conditions.test(t, meta, e.name(), when.get(i), r).chain(holds -> holds ? Uni.createFrom().item(true)
        : due(t, meta, e, when, r, i + 1));
  }
}
