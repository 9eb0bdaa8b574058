package dev.tessera.dedupe;

import dev.tessera.record.RecordMessages;
import dev.tessera.platform.Sequence;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Tx;
import dev.tessera.pool.PoolStore;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Undoes a merge in one transaction: the survivor gets back its values from before the merge, the
 * merged records come back with their ids and every column as they were, the references re-pointed
 * by the merge point at them again and their pool entries return. What changed since the merge wins:
 * a survivor field edited after the merge keeps the edit (reported as kept), and a reference moved
 * elsewhere since stays where it is. Refused, changing nothing, when the merge was undone already,
 * when the survivor no longer exists, or when a merged record's id is in use again.
 */
@ApplicationScoped
public class MergeUndoService {
  private final RecordService records;
  private final MergeStore merges;
  private final PoolStore pools;

  private final DuplicateStore keys;

  public MergeUndoService(RecordService records, MergeStore merges, PoolStore pools, DuplicateStore keys) {
    this.keys = keys;
    this.records = records;
    this.merges = merges;
    this.pools = pools;
  }

  public Uni<MergeOutcome> undo(UUID mergeId, Actor caller) {
    Actor actor = caller.via("merge");
    MetadataSnapshot meta = records.metadata();
    return records.inOneTransaction((t, events) -> merges.lockEntry(t, mergeId).chain(m -> {
      EntityDefinition e = MergePlan.entity(meta, undoable(mergeId, m).entity());
      return merges.existing(t, e, m.mergedIds())
          .invoke(inUse -> refuseReused(e, m, inUse))
          .chain(() -> merges.lock(t, e, List.of(m.survivorId())))
          .chain(rows -> {
            if (rows.isEmpty()) {
              throw new PlatformException(ErrorCode.NOT_FOUND,
                  MergePlan.TEXTS.text("SURVIVOR_GONE", Map.of("id", m.survivorId())), "survivorId");
            }
            List<String> kept = new ArrayList<>();
            Map<String, Object> patch = restoring(e, m, rows.get(0), kept);
            DataRecord current = rows.get(0);
            return (patch.isEmpty() ? Uni.createFrom().item(current)
                : records.update(t, meta, e, current.id(), current.version(), patch, null, actor, events))
                .chain(survivor -> merges.reinsert(t, e, m.merged())
                    .call(() -> keys.addKeys(t, e.name(), m.merged().stream()
                        .map(r -> MatchKeys.of(e, DuplicateHook.rules(meta, e.name()), r)).toList()))
                    .invoke(() -> m.merged().forEach(r -> events.add(RecordChanged.of(e.name(), Operation.RESTORE, null, r, actor))))
                    .chain(() -> pointBack(t, meta, m, actor, events))
                    .call(() -> reenterPools(t, m))
                    .call(() -> merges.markUndone(t, m.id(), actor.userId()))
                    .map(counts -> new MergeOutcome(undone(m, actor), survivor, counts, kept)));
          });
    }));
  }

  private static MergeEntry undoable(UUID mergeId, MergeEntry m) {
    if (m == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, MergePlan.TEXTS.text("NO_MERGE", Map.of("id", mergeId)), "mergeId");
    }
    if (m.undone()) {
      throw new PlatformException(ErrorCode.ALREADY_UNDONE,
          MergePlan.TEXTS.text("ALREADY_UNDONE", Map.of("by", m.undoneBy(), "at", m.undoneAt())), "mergeId");
    }
    return m;
  }

  private static void refuseReused(EntityDefinition e, MergeEntry m, Set<UUID> inUse) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < m.mergedIds().size(); i++) {
      UUID id = m.mergedIds().get(i);
      if (inUse.contains(id)) {
        errors.add(FieldError.of("mergedIds[" + i + "]", "ID_IN_USE",
            MergePlan.TEXTS.text("ID_IN_USE", Map.of("entity", RecordMessages.entity(e), "id", id)), null));
      }
    }
    if (!errors.isEmpty()) {
      throw PlatformException.validation(errors);
    }
  }

  /**
   * The survivor's fields the merge changed, back to their value before it; a field changed again since
   * the merge keeps its newer value and is listed in {@code kept}.
   */
  static Map<String, Object> restoring(EntityDefinition e, MergeEntry m, DataRecord current, List<String> kept) {
    Map<String, Object> patch = new LinkedHashMap<>();
    for (FieldDefinition f : e.fields()) {
      Object before = m.survivorBefore().get(f.name());
      Object after = m.survivorAfter().get(f.name());
      if (!MergePlan.choosable(f) || Objects.equals(before, after)) {
        continue;
      }
      if (Objects.equals(current.get(f.name()), after)) {
        patch.put(f.name(), before);
      } else {
        kept.add(f.name());
      }
    }
    return patch;
  }

  private Uni<Map<String, Integer>> pointBack(Tx t, MetadataSnapshot meta, MergeEntry m, Actor actor,
      List<RecordChanged> events) {
    Map<String, List<Repointed>> groups = new LinkedHashMap<>();
    m.repointed().forEach(r -> groups.computeIfAbsent(r.entity() + "." + r.field(), k -> new ArrayList<>()).add(r));
    Map<String, Integer> counts = new LinkedHashMap<>();
    return Sequence.each(groups.values(), refs -> {
      EntityDefinition e = meta.entities().get(refs.get(0).entity());
      FieldDefinition f = e == null ? null : e.field(refs.get(0).field()).orElse(null);
      if (f == null) {
        return Uni.createFrom().voidItem();
      }
      return merges.pointBack(t, e, f, refs, m.survivorId(), actor.userId()).invoke(rows -> {
        counts.put(e.name() + "." + f.name(), rows.size());
        rows.forEach(after -> MergeService.moved(events, e.name(), f.name(), m.survivorId(), after, actor));
      });
    }).map(v -> counts);
  }

  private Uni<Void> reenterPools(Tx t, MergeEntry m) {
    return Sequence.each(m.poolEntries(), p -> pools.enter(t, p.pool(), p.entity(), p.recordId(), p.previousOwner()));
  }

  private static MergeEntry undone(MergeEntry m, Actor actor) {
    return new MergeEntry(m.id(), m.entity(), m.survivorId(), m.mergedIds(), m.survivorBefore(), m.survivorAfter(),
        m.merged(), m.sources(), m.repointed(), m.poolEntries(), m.mergedBy(), m.mergedAt(), actor.userId(),
        OffsetDateTime.now());
  }
}
