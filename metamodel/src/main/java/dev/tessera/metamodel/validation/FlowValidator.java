package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.model.FlowDefinition;
import java.util.List;

/**
 * Semantic checks of a flow (ADR 0046, 0047), every problem at once with its path: the trigger
 * ({@link FlowTriggerChecks}), the graph ({@link FlowGraphChecks}), each node ({@link FlowNodeChecks}),
 * the goal (true/false on the record) and the run-as user. Messages: {@code messages/flow.properties}.
 */
final class FlowValidator {
  private FlowValidator() {}

  static List<Problem> validate(FlowDefinition d, String base, ValidationContext ctx) {
    FlowChecks c = new FlowChecks(d, base, ctx);
    FlowTriggerChecks.check(c);
    FlowGraphChecks graph = new FlowGraphChecks(c);
    graph.check();
    new FlowNodeChecks(c, graph).check();
    if (d.goal() != null && c.hasRecord()) {
      c.expression(".goal", d.goal(), c.scope(null), ExprType.BOOLEAN);
    } else if (d.goal() != null && c.recordless()) {
      c.add(ProblemCode.INVALID_OPTION, ".goal", FlowMessage.NEEDS_RECORD);
    }
    if (d.runAs().type() == FlowDefinition.RunAs.Type.USER) {
      c.username(".runAs.username", d.runAs().username());
    }
    return c.out;
  }
}
