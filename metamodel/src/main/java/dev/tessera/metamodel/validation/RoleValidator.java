package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.RowConditions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.expr.Suggest;
import dev.tessera.metamodel.i18n.MessageCode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import dev.tessera.metamodel.model.RoleDefinition.EntityAccess;
import dev.tessera.metamodel.model.RoleDefinition.FieldAccess;
import dev.tessera.metamodel.model.RoleDefinition.RecordScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Semantic checks of a role: it is not named {@code admin} (built in); every entity it grants rights
 * on exists, and so does every field it lists; a field is writable only where the role may create or
 * update; a scope expression compiles as true/false on the entity's records and {@code currentUser}
 * and can be applied as a query ({@link RowConditions}); every capability is known. Messages:
 * {@code messages/role.properties}.
 */
final class RoleValidator {
  private RoleValidator() {}

  static List<Problem> validate(RoleDefinition d, String base, ValidationContext ctx) {
    List<Problem> out = new ArrayList<>();
    if (RoleDefinition.ADMIN.equals(d.name())) {
      out.add(Problem.of(ProblemCode.RESERVED_NAME, base + ".name", RoleMessage.ADMIN_IS_BUILT_IN));
    }
    EntityDefinition user = ctx.entities().getOrDefault("user", BuiltInEntities.entity("user").orElseThrow());
    d.entities().forEach((name, access) -> {
      String at = base + ".entities" + Problem.key(name);
      EntityDefinition e = ctx.entities().get(name);
      if (e == null) {
        out.add(Problem.of(ProblemCode.UNKNOWN_TARGET, at, RoleMessage.UNKNOWN_ENTITY, "entity", name, "hint",
            Suggest.didYouMean(name, ctx.entities().keySet())));
      } else {
        entity(e, access, at, Scope.of(e, ctx.entities(), Scope.Use.CONDITION).withCurrentUser(user), out);
      }
    });
    for (int i = 0; i < d.capabilities().size(); i++) {
      String c = d.capabilities().get(i);
      if (Capability.fromJson(c).isEmpty()) {
        out.add(Problem.of(ProblemCode.INVALID_VALUE, base + ".capabilities[" + i + "]", RoleMessage.UNKNOWN_CAPABILITY,
            "capability", c, "capabilities",
            MessageCode.list(Arrays.stream(Capability.values()).map(Capability::jsonName).toList())));
      }
    }
    return out;
  }

  private static void entity(EntityDefinition e, EntityAccess access, String at, Scope scope, List<Problem> out) {
    List<String> names = e.fields().stream().map(FieldDefinition::name).toList();
    for (Map.Entry<String, FieldAccess> f : access.fields().entrySet()) {
      String fieldAt = at + ".fields" + Problem.key(f.getKey());
      if (e.field(f.getKey()).isEmpty()) {
        out.add(Problem.of(ProblemCode.INVALID_OPTION, fieldAt, RoleMessage.UNKNOWN_FIELD, "entity", e.name(), "field",
            f.getKey(), "hint", Suggest.didYouMean(f.getKey(), names)));
      } else if (f.getValue() == FieldAccess.WRITE && !access.create() && !access.update()) {
        out.add(Problem.of(ProblemCode.INVALID_OPTION, fieldAt, RoleMessage.FIELD_WRITE_WITHOUT_WRITE, "entity",
            e.name(), "field", f.getKey()));
      }
    }
    RecordScope s = access.scope();
    if (s != null && s.type() == RecordScope.Type.EXPRESSION) {
      try {
        RowConditions.translate(s.expression(), scope);
      } catch (ExpressionException x) {
        Problem p = Problem.inExpression(at + ".scope.expression", x);
        out.add(new Problem(p.code(), p.path(), RoleMessage.SCOPE_EXPRESSION.text("reason", x.positioned()), p.line(),
            p.column()));
      }
    }
  }
}
