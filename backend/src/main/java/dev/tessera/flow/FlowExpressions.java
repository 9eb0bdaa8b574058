package dev.tessera.flow;

import dev.tessera.expression.ConditionService;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.validation.FlowVariables;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The expressions of flows, compiled once per flow version and metadata version, evaluated on the
 * instance's record and variables ({@code vars.*}) inside the step's transaction.
 */
@ApplicationScoped
class FlowExpressions {
  private record Key(String flow, int version, int metadata, String source, ExprType type) {}

  private static final int MAX_KEPT = 10_000;
  private final Map<Key, CompiledExpression> compiled = new ConcurrentHashMap<>();
  private final ConditionService conditions;

  FlowExpressions(ConditionService conditions) {
    this.conditions = conditions;
  }

  /** The value of {@code source}. */
  Uni<Object> value(FlowContext ctx, String source) {
    return evaluate(ctx, source, null);
  }

  /** Whether {@code source} holds (only true counts). */
  Uni<Boolean> test(FlowContext ctx, String source) {
    return evaluate(ctx, source, ExprType.BOOLEAN).map(Boolean.TRUE::equals);
  }

  private Uni<Object> evaluate(FlowContext ctx, String source, ExprType type) {
    CompiledExpression c = compile(ctx, source, type);
    return conditions.evaluate(ctx.tx, ctx.meta, ctx.entity, c, ctx.record, p -> p.startsWith("vars."), ctx::value);
  }

  private CompiledExpression compile(FlowContext ctx, String source, ExprType type) {
    Key key = new Key(ctx.flow.name(), ctx.instance.version(), ctx.meta.version(), source, type);
    CompiledExpression found = compiled.get(key);
    if (found != null) {
      return found;
    }
    if (compiled.size() > MAX_KEPT) {
      compiled.clear();
    }
    // the trigger entity's fields and every variable the flow declares, typed as the publish checks type them
    Scope base = Scope.of(ctx.entity, ctx.meta.entities(), Scope.Use.CONDITION);
    Scope scope = base.withFlowVariables(FlowVariables.all(ctx.flow, base));
    try {
      CompiledExpression c = Expressions.compile(source, scope, type);
      compiled.put(key, c);
      return c;
    } catch (ExpressionException e) {
      throw new FlowFailure("EXPRESSION", Map.of("expression", source, "reason", e.positioned().get("en")));
    }
  }
}
