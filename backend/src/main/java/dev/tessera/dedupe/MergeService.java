package dev.tessera.dedupe;

import dev.tessera.platform.Sequence;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.pool.PoolStore;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Merges duplicates (合并重复记录) in one transaction: locks every record of the merge in id order,
 * takes the merged records out of their pools and their table, updates the survivor through the
 * record service (so formulas, rules and field checks run, and a failing rule fails the merge),
 * re-points every reference to a merged record at the survivor, and keeps it all as history that
 * {@link MergeUndoService} can put back. Duplicate reports and assignment traces stay as written: they
 * are the history of the ids they name, and {@link DuplicateQueries#mergeHistory} finds the merge from either id.
 */
@ApplicationScoped
public class MergeService {
  private final RecordService records;
  private final MergeStore merges;
  private final PoolStore pools;
  private final TxRunner tx;

  private final DuplicateStore keys;

  public MergeService(RecordService records, MergeStore merges, PoolStore pools, TxRunner tx, DuplicateStore keys) {
    this.keys = keys;
    this.records = records;
    this.merges = merges;
    this.pools = pools;
    this.tx = tx;
  }

  public Uni<MergeOutcome> merge(MergeRequest req, Actor caller) {
    Actor actor = caller.via("merge");
    MetadataSnapshot meta = records.metadata();
    EntityDefinition e = MergePlan.entity(meta, req.entity());
    MergePlan.check(e, req);
    List<UUID> all = new ArrayList<>(req.mergedIds());
    all.add(req.survivorId());
    return records.inOneTransaction((t, events) -> merges.lock(t, e, all).chain(rows -> {
      MergePlan.requireFound(e, req, rows.stream().map(DataRecord::id).toList());
      Map<UUID, DataRecord> byId = new LinkedHashMap<>();
      rows.forEach(r -> byId.put(r.id(), r));
      DataRecord survivor = byId.get(req.survivorId());
      List<DataRecord> merged = req.mergedIds().stream().map(byId::get).toList();
      MergePlan plan = MergePlan.of(e, survivor, merged, req.choices());
      List<PoolStore.Entry> pooled = new ArrayList<>();
      // the merged records go without the delete path: the caller must be allowed to delete each
      return records.mayDelete(actor, e, merged).chain(() -> takeFromPools(t, merged, pooled))
          .chain(() -> merges.remove(t, e, req.mergedIds()))
          .chain(() -> keys.dropKeysOf(t, e.name(), req.mergedIds()))
          .invoke(() -> merged.forEach(m -> events.add(RecordChanged.of(e.name(), Operation.DELETE, m, null, actor))))
          .chain(() -> records.update(t, meta, e, survivor.id(), survivor.version(), plan.patch(), null, actor, events))
          .chain(after -> repointAll(t, meta, e, req, actor, events).chain(repointed -> {
            MergeEntry entry = new MergeEntry(UUID.randomUUID(), e.name(), survivor.id(), req.mergedIds(), survivor, after,
                merged, plan.sources(), repointed, pooled, actor.userId(), null, null, null);
            return merges.save(t, entry).replaceWith(new MergeOutcome(entry, after, counts(repointed), List.of()));
          }));
    }));
  }

  /** Merges a record took part in, as survivor or merged, newest first. */
  private Uni<Void> takeFromPools(Tx t, List<DataRecord> merged, List<PoolStore.Entry> pooled) {
    return Sequence.each(merged, m -> pools.find(t, m.id()).chain(entry -> entry == null ? Uni.createFrom().voidItem()
        : pools.take(t, entry.pool(), m.id()).invoke(pooled::add)));
  }

  private Uni<List<Repointed>> repointAll(Tx t, MetadataSnapshot meta, EntityDefinition e, MergeRequest req, Actor actor,
      List<RecordChanged> events) {
    List<Repointed> out = new ArrayList<>();
    return Sequence.each(meta.referencesTo(e.name()), ref -> merges.repoint(t, ref.entity(), ref.field(), req.mergedIds(),
        req.survivorId(), actor.userId()).invoke(moved -> moved.forEach((r, after) -> {
          out.add(r);
          moved(events, r.entity(), r.field(), r.from(), after, actor);
        }))).map(v -> out);
  }

  /** The event of a reference moved from {@code from} to what {@code after} holds; none for rows in the recycle bin. */
  static void moved(List<RecordChanged> events, String entity, String field, UUID from, DataRecord after, Actor actor) {
    if (after.deletedAt() != null) {
      return;
    }
    Map<String, Object> before = new LinkedHashMap<>(after.data());
    before.put(field, from.toString());
    DataRecord was = new DataRecord(after.id(), before, after.ownerId(), after.version() - 1, after.createdAt(),
        null, null, null, null);
    events.add(RecordChanged.of(entity, Operation.UPDATE, was, after, actor));
  }

  /** References re-pointed per {@code entity.field}. */
  static Map<String, Integer> counts(List<Repointed> refs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    refs.forEach(r -> out.merge(r.entity() + "." + r.field(), 1, Integer::sum));
    return out;
  }
}
