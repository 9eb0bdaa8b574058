package dev.tessera.security;

import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.RecordMessages;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.SaveContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The role names a user holds must name published roles (or the built-in {@code admin}): a typo would
 * otherwise grant nothing without anyone noticing. Checked when the value changes, so a role removed
 * later does not block editing a user's other fields.
 */
@ApplicationScoped
public class RoleNamesHook implements BeforeSaveHook {
  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    if (!ctx.entity().name().equals("user")) {
      return Uni.createFrom().voidItem();
    }
    Object now = ctx.data().get(PolicyCompiler.ROLES_FIELD);
    Object before = ctx.before() == null ? null : ctx.before().data().get(PolicyCompiler.ROLES_FIELD);
    if (!(now instanceof Collection<?> names) || Objects.equals(now, before)) {
      return Uni.createFrom().voidItem();
    }
    List<String> unknown = new ArrayList<>();
    for (Object n : names) {
      String name = String.valueOf(n);
      if (!name.equals(RoleDefinition.ADMIN) && ctx.metadata().named(RoleDefinition.class, name).isEmpty()) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      Object field = ctx.entity().field(PolicyCompiler.ROLES_FIELD).<Object>map(RecordMessages::field).orElse("roles");
      ctx.problems().add(PlatformException.FieldError.of(PolicyCompiler.ROLES_FIELD, "UNKNOWN_ROLE",
          RecordMessages.text("UNKNOWN_ROLE", Map.of("field", field, "roles", String.join(", ", unknown))), null));
    }
    return Uni.createFrom().voidItem();
  }
}
