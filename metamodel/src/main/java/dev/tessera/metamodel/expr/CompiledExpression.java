package dev.tessera.metamodel.expr;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.mvel2.MVEL;

/**
 * An accepted expression, compiled once by MVEL (strong typing, typed inputs). Immutable and safe to
 * share between threads. Evaluation reads only the inputs the expression names, through a lookup by
 * dotted path ({@code annualSpend}, {@code company.industry}), and never falls back to MVEL's
 * interpreter.
 */
public final class CompiledExpression {
  private final String source;
  private final ExprType type;
  private final Scope.Variable[] inputs;
  private final Map<String, Integer> index;
  private final Set<String> functions;
  private final boolean usesClock;
  private final String mvel;
  private final Serializable compiled;

  CompiledExpression(String source, ExprType type, Collection<Scope.Variable> inputs, Set<String> functions,
      boolean usesClock, String mvel, Serializable compiled) {
    this.source = source;
    this.type = type;
    this.inputs = inputs.toArray(new Scope.Variable[0]);
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < this.inputs.length; i++) {
      byName.put(this.inputs[i].mvelName(), i);
    }
    this.index = Map.copyOf(byName);
    this.functions = Set.copyOf(functions);
    this.usesClock = usesClock;
    this.mvel = mvel;
    this.compiled = compiled;
  }

  /** The value for the record whose values {@code lookup} gives by path, with today as the system clock says. */
  public Object evaluate(Function<String, Object> lookup) {
    return evaluate(lookup, EvalContext.system());
  }

  /** The value, as the expression types it (BigDecimal, String, Boolean, LocalDate, OffsetDateTime, List, Map). */
  public Object evaluate(Function<String, Object> lookup, EvalContext context) {
    try {
      return MVEL.executeExpression(compiled, new Inputs(inputs, index, lookup, context));
    } catch (EvaluationException e) {
      throw e;
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
        if (cause instanceof EvaluationException ee) {
          throw ee;
        }
      }
      throw new EvaluationException("could not evaluate " + source + ": " + cause.getMessage(), e);
    }
  }

  /** For rules and conditions: true only when the expression yields true (blank counts as false). */
  public boolean test(Function<String, Object> lookup) {
    return Boolean.TRUE.equals(evaluate(lookup));
  }

  public boolean test(Function<String, Object> lookup, EvalContext context) {
    return Boolean.TRUE.equals(evaluate(lookup, context));
  }

  public String source() {
    return source;
  }

  public ExprType type() {
    return type;
  }

  /** The dotted paths the expression reads ({@code annualSpend}, {@code company.industry}). */
  public List<String> references() {
    List<String> out = new ArrayList<>(inputs.length);
    for (Scope.Variable v : inputs) {
      out.add(v.path());
    }
    return out;
  }

  public Set<String> functions() {
    return functions;
  }

  /** True when the value depends on the day it is computed (today(), now(), daysSince ...). */
  public boolean usesClock() {
    return usesClock;
  }

  /** The MVEL text the compiler generated (for diagnostics and tests). */
  public String mvel() {
    return mvel;
  }

  @Override
  public String toString() {
    return source;
  }
}
