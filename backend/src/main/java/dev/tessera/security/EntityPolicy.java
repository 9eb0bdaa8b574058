package dev.tessera.security;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A caller's rights on one entity, combined over the caller's roles: per action the records it reaches
 * ({@link #rows}), and per field and action the records on which that field may be read or written
 * ({@link #field}). A field's rows are always within the entity's rows for the action, since both come
 * from the same roles. System columns (id, version, owner, times) follow the record.
 */
public final class EntityPolicy {
  /** Grants nothing: an entity none of the roles lists. */
  static final EntityPolicy NONE = new EntityPolicy(Map.of(), Map.of());

  private final Map<Action, Rows> rows;
  private final Map<String, Map<Action, Rows>> fields;

  EntityPolicy(Map<Action, Rows> rows, Map<String, Map<Action, Rows>> fields) {
    Map<Action, Rows> r = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      r.put(a, rows.getOrDefault(a, Rows.NONE));
    }
    this.rows = Collections.unmodifiableMap(r);
    Map<String, Map<Action, Rows>> f = new LinkedHashMap<>();
    fields.forEach((name, byAction) -> f.put(name, Collections.unmodifiableMap(new EnumMap<>(byAction))));
    this.fields = Collections.unmodifiableMap(f);
  }

  /** The records {@code action} reaches (for CREATE: which new records, as they would be stored, may be created). */
  public Rows rows(Action action) {
    return rows.get(action);
  }

  /** True when some role grants {@code action} on some records. */
  public boolean may(Action action) {
    return !rows(action).isNone();
  }

  /**
   * The records on which {@code field} may be read (READ), set when created (CREATE) or changed
   * (UPDATE); a system column (id, ownerId, createdAt ...) is readable wherever its record is.
   * DELETE is per record, not per field: it answers {@link #rows}.
   */
  public Rows field(String field, Action action) {
    if (action == Action.DELETE) {
      return rows(action);
    }
    Map<Action, Rows> f = fields.get(field);
    if (f == null) {
      boolean system = action == Action.READ && dev.tessera.record.SystemColumn.fromApi(field).isPresent();
      return system ? rows(Action.READ) : Rows.NONE;
    }
    return f.getOrDefault(action, Rows.NONE);
  }

  /** Fields readable on at least some records, in name order (what the caller's schema may show). */
  public Set<String> readableFields() {
    Set<String> out = new TreeSet<>();
    fields.forEach((name, byAction) -> {
      if (!byAction.getOrDefault(Action.READ, Rows.NONE).isNone()) {
        out.add(name);
      }
    });
    return Collections.unmodifiableSet(out);
  }

  /**
   * The records the caller may read on which every one of {@code used} is readable too: what a query
   * that filters, sorts or groups on those fields may return, so a hidden value cannot be inferred
   * from which records match.
   */
  public Filter readableWhere(Collection<String> used, EntityDefinition entity, Viewer viewer) {
    List<Filter> parts = new ArrayList<>();
    parts.add(rows(Action.READ).filter(entity, viewer));
    for (String f : new TreeSet<>(used)) {
      Rows r = field(f, Action.READ);
      if (!r.rules().equals(rows(Action.READ).rules())) {
        parts.add(r.filter(entity, viewer));
      }
    }
    return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
  }
}
