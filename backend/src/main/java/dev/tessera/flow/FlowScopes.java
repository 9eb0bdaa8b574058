package dev.tessera.flow;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scope a flow's expressions run in: the trigger entity's fields and every variable the flow
 * declares, typed as the publish checks type them ({@code setVariable}: its value's type; a
 * {@code createRecord} output: text; a {@code callWebhook} output {@code x}: {@code x.status} a number and
 * {@code x.body.*} text). The checks already refused an expression that reads a variable no earlier node
 * sets, so the engine can offer all of them.
 */
final class FlowScopes {
  private FlowScopes() {}

  static Scope of(FlowDefinition flow, EntityDefinition entity, Map<String, EntityDefinition> entities) {
    Map<String, ExprType> paths = new HashMap<>();
    Set<String> open = new HashSet<>();
    for (FlowNode n : flow.nodes()) {
      if (n instanceof FlowNode.CreateRecord c && c.output() != null) {
        paths.put(c.output(), ExprType.TEXT);
      } else if (n instanceof FlowNode.CallWebhook w && w.output() != null) {
        paths.put(w.output() + ".status", ExprType.NUMBER);
        open.add(w.output() + ".body");
      }
    }
    Scope base = Scope.of(entity, entities, Scope.Use.CONDITION);
    // a setVariable's type is its value's: typed in node order, later ones seeing the earlier ones
    for (FlowNode n : flow.nodes()) {
      if (n instanceof FlowNode.SetVariable v && v.name() != null && v.value() != null) {
        ExprType type;
        try {
          type = Expressions.compile(v.value(), base.withFlowVariables(new Scope.FlowVariables(paths, open)), null).type();
        } catch (ExpressionException e) {
          type = ExprType.TEXT;
        }
        paths.putIfAbsent(v.name(), type);
      }
    }
    return base.withFlowVariables(new Scope.FlowVariables(paths, open));
  }
}
