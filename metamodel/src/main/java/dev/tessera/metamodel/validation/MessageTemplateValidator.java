package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import java.util.List;

/**
 * Semantic checks of a message template: its entity exists, and every placeholder of its subject and
 * body names a field of that entity, a field of the owner or a flow variable ({@link FlowPlaceholders});
 * without an entity only {@code owner.*} and {@code vars.*} may be used. Which variables exist is
 * checked where a flow uses the template.
 */
final class MessageTemplateValidator {
  private MessageTemplateValidator() {}

  static List<Problem> validate(MessageTemplateDefinition d, String base, ValidationContext ctx) {
    FlowChecks c = new FlowChecks(holder(d), base, ctx);
    EntityDefinition entity = c.entity(".entity", d.entity());
    if (d.entity() != null && entity == null) {
      return c.out;
    }
    FlowPlaceholders names = new FlowPlaceholders(Scope.of(entity, ctx.entities(), Scope.Use.CONDITION), c.user, true);
    c.text(".subject", d.subject(), names);
    c.text(".body", d.body(), names);
    return c.out;
  }

  /** A flow standing for the template in the shared checks: none of its parts are read but the entity. */
  private static FlowDefinition holder(MessageTemplateDefinition d) {
    return new FlowDefinition(d.id(), d.name(), d.label(), null, true, null,
        d.entity() == null ? null : new FlowTrigger.Manual(d.entity(), null), null, null, null, List.of(), List.of());
  }
}
