package dev.tessera.security;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.RowConditions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import dev.tessera.metamodel.model.RoleDefinition.EntityAccess;
import dev.tessera.metamodel.model.RoleDefinition.FieldAccess;
import dev.tessera.metamodel.model.RoleDefinition.RecordScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a set of role names under one metadata version into a {@link Policy}. Each role contributes
 * its record scope to exactly the rights it grants, per field too: a field is readable on the records
 * of the roles that grant both reading the entity and the field, so holding several roles never shows
 * a cell (record, field) that no single role shows. Role names without a published definition grant
 * nothing; a scope that does not compile (publishing refuses those) grants nothing either.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  public static Policy compile(Collection<String> roleNames, MetadataSnapshot snapshot) {
    Set<String> names = new TreeSet<>(roleNames);
    boolean admin = names.contains(RoleDefinition.ADMIN);
    List<RoleDefinition> roles = new ArrayList<>();
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    for (String name : names) {
      snapshot.named(RoleDefinition.class, name).ifPresent(r -> {
        roles.add(r);
        for (Capability c : Capability.values()) {
          if (r.grants(c)) {
            capabilities.add(c);
          }
        }
      });
    }
    Map<String, EntityPolicy> entities = new LinkedHashMap<>();
    boolean managesUsers = capabilities.contains(Capability.MANAGE_USERS);
    for (EntityDefinition e : snapshot.entities().values()) {
      boolean people = PEOPLE.contains(e.name());
      EntityPolicy p = admin || managesUsers && people ? everything(e) : entity(e, roles, snapshot);
      entities.put(e.name(), people && !admin && !managesUsers ? withoutRoleWrites(e, p) : p);
    }
    return new Policy(names, snapshot.version(), admin, entities, capabilities);
  }

  /** The built-in entities of people and teams, which user administration (manageUsers) covers whole. */
  private static final Set<String> PEOPLE = Set.of("user", "team", "teamMember");

  /**
   * Who holds which role is user administration: without {@code manageUsers} the user's {@code roles}
   * can be read where a role allows, never set, whatever a role says of the user entity's fields.
   */
  private static EntityPolicy withoutRoleWrites(EntityDefinition e, EntityPolicy p) {
    if (!e.name().equals("user") || e.field(ROLES_FIELD).isEmpty()) {
      return p;
    }
    Map<Action, Rows> rows = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      rows.put(a, p.rows(a));
    }
    Map<String, Map<Action, Rows>> fields = new LinkedHashMap<>();
    for (FieldDefinition f : e.fields()) {
      Map<Action, Rows> byAction = new EnumMap<>(Action.class);
      for (Action a : List.of(Action.READ, Action.CREATE, Action.UPDATE)) {
        byAction.put(a, f.name().equals(ROLES_FIELD) && a != Action.READ ? Rows.NONE : p.field(f.name(), a));
      }
      fields.put(f.name(), byAction);
    }
    return new EntityPolicy(rows, fields);
  }

  /** The field of the built-in user holding its role names. */
  static final String ROLES_FIELD = "roles";

  private static EntityPolicy everything(EntityDefinition e) {
    Map<Action, Rows> rows = new EnumMap<>(Action.class);
    Map<Action, Rows> field = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      rows.put(a, Rows.ALL);
      field.put(a, Rows.ALL);
    }
    Map<String, Map<Action, Rows>> fields = new LinkedHashMap<>();
    e.fields().forEach(f -> fields.put(f.name(), field));
    return new EntityPolicy(rows, fields);
  }

  private static EntityPolicy entity(EntityDefinition e, List<RoleDefinition> roles, MetadataSnapshot snapshot) {
    Map<Action, Rows> rows = new EnumMap<>(Action.class);
    Map<String, Map<Action, Rows>> fields = new LinkedHashMap<>();
    e.fields().forEach(f -> fields.put(f.name(), new EnumMap<>(Action.class)));
    for (RoleDefinition role : roles) {
      EntityAccess access = role.entities().get(e.name());
      ScopeRule scope = access == null ? null : scope(access.scope(), e, snapshot);
      if (scope == null) {
        continue;
      }
      grant(rows, Action.CREATE, access.create(), scope);
      grant(rows, Action.READ, access.read(), scope);
      grant(rows, Action.UPDATE, access.update(), scope);
      grant(rows, Action.DELETE, access.delete(), scope);
      for (FieldDefinition f : e.fields()) {
        FieldAccess level = access.field(f.name());
        Map<Action, Rows> byAction = fields.get(f.name());
        grant(byAction, Action.READ, access.read() && level != null && level != FieldAccess.NONE, scope);
        grant(byAction, Action.CREATE, access.create() && level == FieldAccess.WRITE, scope);
        grant(byAction, Action.UPDATE, access.update() && level == FieldAccess.WRITE, scope);
      }
    }
    return new EntityPolicy(rows, fields);
  }

  private static void grant(Map<Action, Rows> rights, Action action, boolean granted, ScopeRule scope) {
    if (granted) {
      rights.put(action, rights.getOrDefault(action, Rows.NONE).or(scope));
    }
  }

  /** The compiled scope; null when it cannot be compiled (the role then grants nothing on the entity). */
  private static ScopeRule scope(RecordScope s, EntityDefinition e, MetadataSnapshot snapshot) {
    if (s == null) {
      return null;
    }
    return switch (s.type()) {
      case OWN -> ScopeRule.OWN;
      case TEAM -> ScopeRule.TEAM;
      case ALL -> ScopeRule.ALL;
      case EXPRESSION -> {
        EntityDefinition user = snapshot.entities().containsKey("user") ? snapshot.entities().get("user")
            : BuiltInEntities.entity("user").orElseThrow();
        try {
          yield new ScopeRule(RecordScope.Type.EXPRESSION, RowConditions.translate(s.expression(),
              Scope.of(e, snapshot.entities(), Scope.Use.CONDITION).withCurrentUser(user)));
        } catch (ExpressionException | IllegalArgumentException x) {
          yield null;
        }
      }
    };
  }
}
