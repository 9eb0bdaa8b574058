package dev.tessera.security;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which records a right reaches: the records in the scope of at least one of the roles that grant it
 * (a union of {@link ScopeRule}s). None means the right is not granted; a rule {@code all} makes the
 * union everything. Combining roles happens here, per right and per field, so a field is readable on
 * a record only when one role grants both the field and the record (docs/adr/0041-role-policy.md).
 */
public record Rows(List<ScopeRule> anyOf) {
  public static final Rows NONE = new Rows(List.of());
  public static final Rows ALL = new Rows(List.of(ScopeRule.ALL));

  public Rows {
    anyOf = normalize(anyOf);
  }

  private static List<ScopeRule> normalize(List<ScopeRule> rules) {
    if (rules.contains(ScopeRule.ALL)) {
      return List.of(ScopeRule.ALL);
    }
    return List.copyOf(new LinkedHashSet<>(rules));
  }

  /** The records either reaches. */
  public Rows or(ScopeRule rule) {
    List<ScopeRule> all = new ArrayList<>(anyOf);
    all.add(rule);
    return new Rows(all);
  }

  public boolean isNone() {
    return anyOf.isEmpty();
  }

  public boolean isAll() {
    return anyOf.equals(List.of(ScopeRule.ALL));
  }

  /** The scopes, without order: two unions of the same rules reach the same records. */
  public Set<ScopeRule> rules() {
    return Set.copyOf(anyOf);
  }

  /** The records as a storage filter for {@code viewer} (none: a filter nothing matches). */
  public Filter filter(EntityDefinition entity, Viewer viewer) {
    if (isAll()) {
      return Filter.all();
    }
    List<Filter> parts = new ArrayList<>();
    for (ScopeRule r : anyOf) {
      parts.add(ScopeFilters.filter(r, entity, viewer));
    }
    return parts.size() == 1 ? parts.get(0) : new Filter.Or(parts);
  }
}
