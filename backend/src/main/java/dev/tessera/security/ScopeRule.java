package dev.tessera.security;

import dev.tessera.metamodel.expr.RowCondition;
import dev.tessera.metamodel.model.RoleDefinition.RecordScope;

/**
 * One role's record scope on one entity, compiled: {@code own}, {@code team}, {@code all}, or an
 * expression already turned into a {@link RowCondition} at compile time, so nothing is parsed per
 * request. It becomes a storage filter only with a {@link Viewer} ({@link ScopeFilters}).
 */
public record ScopeRule(RecordScope.Type type, RowCondition condition) {
  public static final ScopeRule OWN = new ScopeRule(RecordScope.Type.OWN, null);
  public static final ScopeRule TEAM = new ScopeRule(RecordScope.Type.TEAM, null);
  public static final ScopeRule ALL = new ScopeRule(RecordScope.Type.ALL, null);

  public ScopeRule {
    if ((type == RecordScope.Type.EXPRESSION) != (condition != null)) {
      throw new IllegalArgumentException("an expression scope, and only that, has a condition");
    }
  }
}
