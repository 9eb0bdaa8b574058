package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What one caller may do with records, resolved once per operation from the caller's roles under the
 * current metadata ({@link AccessControl}). The reader and the service ask it and nothing else decides,
 * so every path (queries, traversals, aggregates, imports, merges, pools, duplicate checks) obeys the
 * same rights. A refusal is {@code FORBIDDEN} naming the field or the entity; a record the caller may
 * not read is {@code NOT_FOUND}, as if it did not exist.
 */
public interface Access {
  /**
   * What the caller may do with one stored record, for clients to grey out what would be refused:
   * nothing at all when it may not read it; per field whether it may read and change it.
   */
  record Rights(boolean read, boolean update, boolean delete, Map<String, Boolean> readable,
      Map<String, Boolean> writable) {
    public Rights {
      readable = Map.copyOf(readable);
      writable = Map.copyOf(writable);
    }
  }

  /** A trusted internal actor or an administrator: everything. */
  Access UNRESTRICTED = new Access() {
    @Override
    public boolean unrestricted() {
      return true;
    }

    @Override
    public Filter readable(EntityDefinition e, Collection<String> used) {
      return Filter.all();
    }

    @Override
    public DataRecord show(EntityDefinition e, DataRecord r) {
      return r;
    }

    @Override
    public DataRecord showFound(EntityDefinition e, DataRecord r) {
      return r;
    }

    @Override
    public boolean readableWherever(EntityDefinition e, String field) {
      return true;
    }

    @Override
    public Rights rights(EntityDefinition e, DataRecord r) {
      Map<String, Boolean> all = new java.util.HashMap<>();
      e.fields().forEach(f -> all.put(f.name(), true));
      return new Rights(true, true, true, all, all);
    }

    @Override
    public void mayCreate(EntityDefinition e, DataRecord candidate, Set<String> fields) {}

    @Override
    public DataRecord showClaimable(EntityDefinition e, DataRecord r) {
      return r;
    }

    @Override
    public void mayUpdate(EntityDefinition e, DataRecord before, Set<String> sent, Set<String> changed) {}

    @Override
    public void mayDelete(EntityDefinition e, DataRecord r) {}
  };

  boolean unrestricted();

  /**
   * The records of {@code e} the caller may read on which each of {@code used} (fields a query filters,
   * sorts or groups on) is readable too, so which records match never depends on a hidden value.
   */
  Filter readable(EntityDefinition e, Collection<String> used);

  /** The record as the caller may see it (hidden cells left out), or null when it may not read it. */
  DataRecord show(EntityDefinition e, DataRecord r);

  /**
   * As {@link #show}, for a record a statement read with {@link #readable} in its condition: known to be
   * readable, so the record's scope is not tested again; only its hidden cells are left out.
   */
  DataRecord showFound(EntityDefinition e, DataRecord r);

  /** Whether the caller may read {@code field} on every record of {@code e} it may read. */
  boolean readableWherever(EntityDefinition e, String field);

  /** What the caller may do with {@code r} (a stored record), exactly as the checks below decide. */
  Rights rights(EntityDefinition e, DataRecord r);

  /** Refuses creating {@code candidate} (as it would be stored) with values given for {@code fields}. */
  void mayCreate(EntityDefinition e, DataRecord candidate, Set<String> fields);

  /**
   * An unowned record waiting in a pool or a queue as the caller would see it once it claimed it (its
   * rights evaluated with the caller as the owner), or null when it could not read it even then.
   */
  DataRecord showClaimable(EntityDefinition e, DataRecord r);

  /**
   * Refuses an update of {@code before}: NOT_FOUND when the caller may not even read it; FORBIDDEN when
   * it may not update it, when {@code sent} names a field it may not read (whatever the value, so an
   * answer never tells a hidden value), or when {@code changed} (the fields whose value the update
   * changes) names one it may not write. Giving the record another owner needs the right to update it.
   */
  void mayUpdate(EntityDefinition e, DataRecord before, Set<String> sent, Set<String> changed);

  /** Refuses deleting (or restoring) {@code r} (NOT_FOUND when the caller may not even read it). */
  void mayDelete(EntityDefinition e, DataRecord r);
}
