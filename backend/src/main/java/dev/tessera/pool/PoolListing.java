package dev.tessera.pool;

import dev.tessera.platform.RequestMessages;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What waits in a pool or a team's queue, read for a caller: the entries, longest waiting first, with
 * their records read through the {@link RecordReader} (so what a caller may not read never shows).
 * Writes (claim, release, recycle) are {@link PoolService}'s.
 */
@ApplicationScoped
public class PoolListing {
  /** Most records one page of a pool's listing shows. */
  public static final int PAGE_MAX = 100;

  private final MetadataRegistry registry;
  private final PoolService pools;
  private final PoolStore store;
  private final RecordReader reader;
  private final TxRunner tx;

  /** One waiting record: its entry (entity, when it entered, previous owner) and the record itself. */
  public record Waiting(PoolStore.Entry entry, DataRecord record) {}

  public PoolListing(MetadataRegistry registry, PoolService pools, PoolStore store, RecordReader reader, TxRunner tx) {
    this.registry = registry;
    this.pools = pools;
    this.store = store;
    this.reader = reader;
    this.tx = tx;
  }

  /** A page of the pool ({@code queue:<team>} for a queue); {@code after} is the last id of the previous page. */
  public Uni<List<Waiting>> waiting(Actor actor, String poolName, UUID after, int first) {
    MetadataSnapshot meta = registry.current();
    if (!poolName.startsWith(PoolService.QUEUE)) {
      pools.pool(meta, poolName);
    }
    if (first < 1 || first > PAGE_MAX) {
      throw RequestMessages.pageSize(PAGE_MAX);
    }
    return tx.withConnection(t -> store.entries(t, poolName, after, first).chain(entries -> {
      Map<String, List<UUID>> byEntity = new LinkedHashMap<>();
      entries.forEach(en -> byEntity.computeIfAbsent(en.entity(), x -> new ArrayList<>()).add(en.recordId()));
      Map<UUID, DataRecord> found = new HashMap<>();
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (var group : byEntity.entrySet()) {
        chain = chain.chain(() -> reader.claimable(t, actor, meta.entity(group.getKey()), group.getValue())
            .invoke(rs -> rs.forEach(r -> found.put(r.id(), r))).replaceWithVoid());
      }
      return chain.map(v -> entries.stream().filter(en -> found.containsKey(en.recordId()))
          .map(en -> new Waiting(en, found.get(en.recordId()))).toList());
    }));
  }

  /**
   * A record a claim or release returned, as {@code actor} may see it (null: not at all); a released
   * record, unowned again, as the pool shows it to its members.
   */
  public Uni<DataRecord> shown(Actor actor, String entity, DataRecord r) {
    MetadataSnapshot meta = registry.current();
    if (entity == null || !meta.entities().containsKey(entity)) {
      return Uni.createFrom().item(actor.restricted() ? null : r);
    }
    Uni<List<DataRecord>> seen = r.ownerId() == null
        ? tx.withConnection(t -> reader.claimable(t, actor, meta.entity(entity), List.of(r.id())))
        : reader.admit(actor, meta.entity(entity), List.of(r));
    return seen.map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  /** The pool or queue entry of a record, or null when it waits nowhere. */
  public Uni<PoolStore.Entry> entry(UUID recordId) {
    return tx.withConnection(t -> store.find(t, recordId));
  }
}
