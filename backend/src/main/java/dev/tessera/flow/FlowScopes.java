package dev.tessera.flow;

import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import java.util.Map;

/** The scope a flow's expressions compile in: the trigger entity's fields and the flow's variables. */
final class FlowScopes {
  private FlowScopes() {}

  static Scope of(FlowDefinition flow, EntityDefinition entity, Map<String, EntityDefinition> entities) {
    return Scope.of(entity, entities, Scope.Use.CONDITION);
  }
}
