package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.RuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every expression of one entity, compiled: formulas in the order they must be computed (a formula
 * after the formulas it reads), default expressions and validation rules. Publishing uses the
 * failures as problems; the record service runs the compiled expressions on every write.
 */
public record EntityExpressions(List<Formula> formulas, Map<String, CompiledExpression> defaults, List<Rule> rules) {

  public record Formula(FieldDefinition field, CompiledExpression expression) {}

  public record Rule(RuleDefinition definition, CompiledExpression expression) {}

  /** An expression that was not accepted, at a path relative to the entity ({@code .fields[2].expression}). */
  public record Failure(String path, ExpressionException error) {}

  /** Formulas that read each other in a circle, starting at field {@code fieldIndex}. */
  public record Cycle(int fieldIndex, List<String> names) {}

  /** What compiling gave: the expressions (complete only when there are no failures or cycles). */
  public record Result(EntityExpressions expressions, List<Failure> failures, List<Cycle> cycles) {
    public boolean ok() {
      return failures.isEmpty() && cycles.isEmpty();
    }
  }

  public static final EntityExpressions NONE = new EntityExpressions(List.of(), Map.of(), List.of());

  public boolean isEmpty() {
    return formulas.isEmpty() && defaults.isEmpty() && rules.isEmpty();
  }

  public static Result compile(EntityDefinition e, Map<String, EntityDefinition> entities) {
    List<Failure> failures = new ArrayList<>();
    Map<String, CompiledExpression> formulas = new LinkedHashMap<>();
    Map<String, CompiledExpression> defaults = new LinkedHashMap<>();
    List<Rule> rules = new ArrayList<>();
    Scope formulaScope = Scope.of(e, entities, Scope.Use.FORMULA);
    Scope defaultScope = Scope.of(e, entities, Scope.Use.DEFAULT);
    Scope ruleScope = Scope.of(e, entities, Scope.Use.RULE);
    for (int i = 0; i < e.fields().size(); i++) {
      FieldDefinition f = e.fields().get(i);
      String at = ".fields[" + i + "]";
      if (f.type() == FieldType.FORMULA && f.expression() != null) {
        ExprType declared = f.resultType() == null ? null : ExprType.of(f.resultType());
        compile(f.expression(), formulaScope, declared, at + ".expression", failures)
            .ifPresent(c -> formulas.put(f.name(), c));
      }
      if (f.defaultExpression() != null && !f.computed()) {
        compile(f.defaultExpression(), defaultScope, ExprType.of(f.valueType()), at + ".defaultExpression", failures)
            .ifPresent(c -> defaults.put(f.name(), c));
      }
    }
    for (int i = 0; i < e.rules().size(); i++) {
      RuleDefinition r = e.rules().get(i);
      if (r.assertion() != null) {
        compile(r.assertion(), ruleScope, ExprType.BOOLEAN, ".rules[" + i + "].assert", failures)
            .ifPresent(c -> rules.add(new Rule(r, c)));
      }
    }
    List<Cycle> cycles = cycles(e, formulas);
    List<Formula> ordered = cycles.isEmpty() ? order(e, formulas) : List.of();
    return new Result(new EntityExpressions(ordered, Map.copyOf(defaults), List.copyOf(rules)), failures, cycles);
  }

  private static java.util.Optional<CompiledExpression> compile(String source, Scope scope, ExprType expected, String at,
      List<Failure> failures) {
    try {
      return java.util.Optional.of(Expressions.compile(source, scope, expected));
    } catch (ExpressionException x) {
      failures.add(new Failure(at, x));
      return java.util.Optional.empty();
    }
  }

  /** Formulas ordered so each comes after the formulas it reads. */
  private static List<Formula> order(EntityDefinition e, Map<String, CompiledExpression> formulas) {
    List<Formula> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (String name : formulas.keySet()) {
      visit(name, e, formulas, done, out);
    }
    return List.copyOf(out);
  }

  private static void visit(String name, EntityDefinition e, Map<String, CompiledExpression> formulas, Set<String> done,
      List<Formula> out) {
    if (!done.add(name)) {
      return;
    }
    for (String ref : formulas.get(name).references()) {
      if (formulas.containsKey(ref)) {
        visit(ref, e, formulas, done, out);
      }
    }
    out.add(new Formula(e.field(name).orElseThrow(), formulas.get(name)));
  }

  private static List<Cycle> cycles(EntityDefinition e, Map<String, CompiledExpression> formulas) {
    List<Cycle> out = new ArrayList<>();
    for (int i = 0; i < e.fields().size(); i++) {
      String name = e.fields().get(i).name();
      if (name != null && formulas.containsKey(name)) {
        List<String> cycle = cycleFrom(name, name, formulas, new ArrayList<>());
        if (cycle != null) {
          List<String> names = new ArrayList<>();
          names.add(name);
          names.addAll(cycle);
          out.add(new Cycle(i, List.copyOf(names)));
        }
      }
    }
    return out;
  }

  private static List<String> cycleFrom(String start, String at, Map<String, CompiledExpression> formulas,
      List<String> trail) {
    for (String next : formulas.get(at).references()) {
      if (next.equals(start)) {
        List<String> found = new ArrayList<>(trail);
        found.add(next);
        return found;
      }
      if (formulas.containsKey(next) && !trail.contains(next)) {
        trail.add(next);
        List<String> found = cycleFrom(start, next, formulas, trail);
        trail.remove(trail.size() - 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
