package dev.tessera.security;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.Access;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.RecordMessages;
import dev.tessera.record.RecordValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled {@link Policy} applied for one {@link Viewer}: the {@link Access} the reader and the
 * service ask. Per entity, the filters of the caller's rights are built once ({@link View}) and each
 * record is tested with {@link RowMatcher}: one test per record and distinct field scope, never a
 * re-derivation of rights.
 */
final class PolicyAccess implements Access {
  private final Policy policy;
  private final Viewer viewer;
  private final Map<String, View> views = new ConcurrentHashMap<>();
  /** Most sets of filtered, sorted or grouped fields whose readable filter is kept per entity. */
  static final int MAX_SHAPES = 256;

  PolicyAccess(Policy policy, Viewer viewer) {
    this.policy = policy;
    this.viewer = viewer;
  }

  /** A field's READ rows where they differ from the record's: null filter = everywhere the record is readable. */
  private record Cell(String field, boolean none, Filter filter) {}

  /** The rights on one entity as filters for this viewer. */
  private static final class View {
    final EntityPolicy rights;
    final Filter read;
    final boolean readAll;
    final boolean readNone;
    final List<Cell> cells = new ArrayList<>();
    final Map<Rows, Filter> filters = new ConcurrentHashMap<>();
    /** {@link #readable} per set of fields a query uses (kept for the first {@link #MAX_SHAPES} sets). */
    final Map<Set<String>, Filter> readableWhere = new ConcurrentHashMap<>();
    final EntityDefinition entity;
    final Viewer viewer;

    View(EntityPolicy rights, EntityDefinition e, Viewer viewer) {
      this.rights = rights;
      this.entity = e;
      this.viewer = viewer;
      Rows rows = rights.rows(Action.READ);
      this.readAll = rows.isAll();
      this.readNone = rows.isNone();
      this.read = filter(rows);
      for (FieldDefinition f : e.fields()) {
        Rows fr = rights.field(f.name(), Action.READ);
        if (fr.isNone()) {
          cells.add(new Cell(f.name(), true, null));
        } else if (!fr.rules().equals(rows.rules())) {
          cells.add(new Cell(f.name(), false, filter(fr)));
        }
      }
    }

    Filter filter(Rows rows) {
      return filters.computeIfAbsent(rows, r -> r.filter(entity, viewer));
    }

    /** Whether {@code rows} reach {@code r}. */
    boolean reaches(Rows rows, DataRecord r) {
      return rows.isAll() || !rows.isNone() && RowMatcher.matches(filter(rows), r);
    }

    boolean readable(DataRecord r) {
      return readAll || !readNone && RowMatcher.matches(read, r);
    }
  }

  private View view(EntityDefinition e) {
    View v = views.get(e.name());
    if (v == null || v.entity != e) {
      v = new View(policy.entity(e.name()), e, viewer);
      views.put(e.name(), v);
    }
    return v;
  }

  @Override
  public boolean unrestricted() {
    return false;
  }

  @Override
  public Filter readable(EntityDefinition e, Collection<String> used) {
    View v = view(e);
    Set<String> key = Set.copyOf(used);
    Filter f = v.readableWhere.get(key);
    if (f == null) {
      f = policy.entity(e.name()).readableWhere(used, e, viewer);
      if (v.readableWhere.size() < MAX_SHAPES) {
        v.readableWhere.put(key, f);
      }
    }
    return f;
  }

  @Override
  public DataRecord show(EntityDefinition e, DataRecord r) {
    View v = view(e);
    if (!v.readable(r)) {
      return null;
    }
    return without(v.cells, r);
  }

  @Override
  public DataRecord showFound(EntityDefinition e, DataRecord r) {
    return without(view(e).cells, r);
  }

  /** {@code r} without those of {@code cells} the caller may not read on it. */
  private static DataRecord without(List<Cell> cells, DataRecord r) {
    if (cells.isEmpty()) {
      return r;
    }
    Map<String, Object> data = null; // copied only when a cell the row holds must go
    for (Cell c : cells) {
      if (r.data().containsKey(c.field()) && (c.none() || !RowMatcher.matches(c.filter(), r))) {
        if (data == null) {
          data = new LinkedHashMap<>(r.data());
        }
        data.remove(c.field());
      }
    }
    if (data == null) {
      return r;
    }
    return new DataRecord(r.id(), data, r.ownerId(), r.version(), r.createdAt(), r.updatedAt(), r.createdBy(),
        r.updatedBy(), r.deletedAt());
  }

  @Override
  public boolean readableWherever(EntityDefinition e, String field) {
    EntityPolicy rights = policy.entity(e.name());
    Rows fr = rights.field(field, Action.READ);
    return !fr.isNone() && fr.rules().equals(rights.rows(Action.READ).rules());
  }

  @Override
  public DataRecord showClaimable(EntityDefinition e, DataRecord r) {
    DataRecord claimed = new DataRecord(r.id(), r.data(), viewer.userId(), r.version(), r.createdAt(), r.updatedAt(),
        r.createdBy(), r.updatedBy(), r.deletedAt());
    DataRecord shown = show(e, claimed);
    return shown == null ? null : new DataRecord(shown.id(), shown.data(), r.ownerId(), shown.version(),
        shown.createdAt(), shown.updatedAt(), shown.createdBy(), shown.updatedBy(), shown.deletedAt());
  }

  @Override
  public Rights rights(EntityDefinition e, DataRecord r) {
    View v = view(e);
    Map<String, Boolean> readable = new LinkedHashMap<>();
    Map<String, Boolean> writable = new LinkedHashMap<>();
    boolean read = v.readable(r);
    boolean update = read && v.reaches(v.rights.rows(Action.UPDATE), r);
    boolean delete = read && v.reaches(v.rights.rows(Action.DELETE), r);
    for (FieldDefinition f : e.fields()) {
      boolean fr = read && v.reaches(v.rights.field(f.name(), Action.READ), r);
      readable.put(f.name(), fr);
      writable.put(f.name(), fr && update && v.reaches(v.rights.field(f.name(), Action.UPDATE), r));
    }
    return new Rights(read, update, delete, readable, writable);
  }

  @Override
  public void mayCreate(EntityDefinition e, DataRecord candidate, Set<String> fields) {
    View v = view(e);
    Rows create = v.rights.rows(Action.CREATE);
    if (create.isNone()) {
      throw refused("CANNOT_CREATE", e, null);
    }
    for (String f : fields) {
      if (!v.reaches(v.rights.field(f, Action.CREATE), candidate)) {
        throw refusedField(e, f);
      }
    }
    if (!v.reaches(create, candidate)) {
      throw refused("CREATE_OUT_OF_SCOPE", e, null);
    }
  }

  @Override
  public void mayUpdate(EntityDefinition e, DataRecord before, Set<String> sent, Set<String> changed) {
    View v = view(e);
    if (!v.readable(before)) {
      throw RecordValidator.notFound(e, before.id());
    }
    if (!v.reaches(v.rights.rows(Action.UPDATE), before)) {
      throw refused("CANNOT_UPDATE", e, null);
    }
    for (String f : sent) {
      if (!v.reaches(v.rights.field(f, Action.READ), before)) {
        throw refusedField(e, f);
      }
    }
    for (String f : changed) {
      if (!v.reaches(v.rights.field(f, Action.UPDATE), before)) {
        throw refusedField(e, f);
      }
    }
  }

  @Override
  public void mayDelete(EntityDefinition e, DataRecord r) {
    View v = view(e);
    if (!v.readable(r)) {
      throw RecordValidator.notFound(e, r.id());
    }
    if (!v.reaches(v.rights.rows(Action.DELETE), r)) {
      throw refused("CANNOT_DELETE", e, null);
    }
  }

  private static PlatformException refused(String code, EntityDefinition e, String field) {
    return new PlatformException(ErrorCode.FORBIDDEN, RecordMessages.text(code, Map.of("entity", RecordMessages.entity(e))),
        field);
  }

  private static PlatformException refusedField(EntityDefinition e, String field) {
    Object name = e.field(field).<Object>map(RecordMessages::field).orElse(field);
    return new PlatformException(ErrorCode.FORBIDDEN, RecordMessages.text("CANNOT_WRITE_FIELD", Map.of("field", name)), field);
  }
}
