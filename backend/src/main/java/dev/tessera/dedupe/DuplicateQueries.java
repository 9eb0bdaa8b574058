package dev.tessera.dedupe;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reads of the duplicates capability, for a caller: the collisions reported, the records a new
 * or edited record would duplicate, and the merges a record took part in. Every record shown passes
 * the {@link RecordReader}'s gate, as every other read does.
 */
@ApplicationScoped
public class DuplicateQueries {
  private final DuplicateStore reports;
  private final DuplicateMatcher matcher;
  private final MergeStore merges;
  private final RecordReader reader;
  private final TxRunner tx;

  public DuplicateQueries(DuplicateStore reports, DuplicateMatcher matcher, MergeStore merges, RecordReader reader,
      TxRunner tx) {
    this.reports = reports;
    this.matcher = matcher;
    this.merges = merges;
    this.reader = reader;
    this.tx = tx;
  }

  /** Duplicates found for a record, or reported to an owner (either side), newest first. */
  public Uni<List<Map<String, Object>>> reports(Actor actor, UUID recordId, String owner) {
    return tx.withConnection(t -> reports.reports(t, recordId, owner));
  }

  /**
   * A record saving some values would duplicate, and that record as the caller may see it: null when
   * the caller may not read it, so it learns that a duplicate exists and who owns it (as Salesforce
   * says), never its values.
   */
  public record Shown(DuplicateMatcher.Candidate candidate, DataRecord visible) {}

  /** What saving {@code data} would duplicate, without saving; {@code self} (the record edited) left out. */
  public Uni<List<Shown>> candidates(Actor actor, MetadataSnapshot meta, EntityDefinition e,
      Map<String, Object> data, UUID self) {
    return tx.withConnection(t -> matcher.candidates(t, meta, e, data, self)).chain(found ->
        reader.admit(actor, e, found.stream().map(c -> c.match().record()).toList()).map(admitted -> {
          Map<UUID, DataRecord> byId = new java.util.HashMap<>();
          admitted.forEach(r -> byId.put(r.id(), r));
          return found.stream().map(c -> new Shown(c, byId.get(c.match().record().id()))).toList();
        }));
  }

  /** The merges a record took part in (survivor or merged) whose survivor the actor may read, newest first. */
  public Uni<List<MergeEntry>> mergeHistory(Actor actor, MetadataSnapshot meta, UUID recordId) {
    return tx.withConnection(t -> merges.involving(t, recordId)).chain(entries -> Sequence.map(entries,
        m -> !meta.entities().containsKey(m.entity()) ? Uni.createFrom().item(false)
            : reader.admit(actor, meta.entity(m.entity()), List.of(m.survivorBefore())).map(shown -> !shown.isEmpty()))
        .map(keep -> java.util.stream.IntStream.range(0, entries.size()).filter(keep::get).mapToObj(entries::get).toList()));
  }
}
