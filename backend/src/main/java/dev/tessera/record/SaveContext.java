package dev.tessera.record;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a before-save hook sees: the entity, the operation, the record's id (already chosen on
 * create), the stored record before the write (null on create), the new field values (mutable), the
 * owner and the write's transaction. Hooks that find the write invalid add to {@code problems}; the
 * record service reports them together with the field checks as one VALIDATION_FAILED.
 */
public final class SaveContext {
  private final MetadataSnapshot metadata;
  private final EntityDefinition entity;
  private final RecordChanged.Operation operation;
  private final UUID id;
  private final DataRecord before;
  private final Map<String, Object> data;
  private final Actor actor;
  private final Tx tx;
  private final List<FieldError> problems = new ArrayList<>();
  private final List<FieldError> warnings = new ArrayList<>();
  private final List<Uni<?>> queued = new ArrayList<>();
  private final boolean ownerGiven;
  private String owner;
  private boolean importing;

  public SaveContext(MetadataSnapshot metadata, EntityDefinition entity, RecordChanged.Operation operation, UUID id,
      DataRecord before, Map<String, Object> data, String owner, boolean ownerGiven, Actor actor, Tx tx) {
    this.metadata = metadata;
    this.entity = entity;
    this.operation = operation;
    this.id = id;
    this.before = before;
    this.data = data;
    this.owner = owner;
    this.ownerGiven = ownerGiven;
    this.actor = actor;
    this.tx = tx;
  }

  public MetadataSnapshot metadata() {
    return metadata;
  }

  public EntityDefinition entity() {
    return entity;
  }

  public RecordChanged.Operation operation() {
    return operation;
  }

  public UUID id() {
    return id;
  }

  public DataRecord before() {
    return before;
  }

  public Map<String, Object> data() {
    return data;
  }

  public Actor actor() {
    return actor;
  }

  public Tx tx() {
    return tx;
  }

  public List<FieldError> problems() {
    return problems;
  }

  /** The owner the record will have (null: nobody, e.g. waiting in a pool). */
  public String owner() {
    return owner;
  }

  /** True when the client chose the owner itself; assignment rules then leave it alone. */
  public boolean ownerGiven() {
    return ownerGiven;
  }

  public void owner(String owner) {
    this.owner = owner;
  }

  /** What a hook found that does not stop the write, e.g. a duplicate warned about or linked. */
  public List<FieldError> warnings() {
    return warnings;
  }

  /** True for a row of an import: duplicate rules then act by their import action. */
  public boolean importing() {
    return importing;
  }

  public SaveContext importing(boolean importing) {
    this.importing = importing;
    return this;
  }

  /**
   * Queues a write that no later step of the lane reads (a duplicate report, an assignment trace,
   * match keys): it goes to the database together with the record's own write, in the same
   * transaction, without a round trip of its own.
   */
  public void writeWithRecord(Uni<?> write) {
    queued.add(write);
  }

  /**
   * Runs {@code recordWrite} and the queued writes together (the client pipelines them on the
   * transaction's connection, the record's write first); the result is the record write's, the
   * failure the first one reported.
   */
  public <T> Uni<T> withQueuedWrites(Uni<T> recordWrite) {
    if (queued.isEmpty()) {
      return recordWrite;
    }
    List<Uni<Object>> all = new ArrayList<>();
    all.add(recordWrite.map(r -> (Object) r));
    queued.forEach(w -> all.add(w.map(r -> (Object) r)));
    queued.clear();
    @SuppressWarnings("unchecked")
    Uni<T> first = Uni.join().all(all).andFailFast().map(results -> (T) results.get(0));
    return first;
  }
}
