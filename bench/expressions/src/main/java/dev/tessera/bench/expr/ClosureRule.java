package dev.tessera.bench.expr;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Values;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Prototype (benchmark only, not Tessera code): what a closure compiler over Tessera's own typed tree
 * would build for the rule, node by node, with the same semantics as the generated MVEL (a blank
 * operand makes a comparison false, numbers compare as BigDecimal by value, inputs go through
 * {@link Values#in}). No MVEL, no HashMap: each node reads its input through the lookup.
 */
final class ClosureRule {
  interface Bool {
    boolean test(Function<String, Object> lookup);
  }

  interface Val {
    Object eval(Function<String, Object> lookup);
  }

  private ClosureRule() {}

  static Val input(String path, ExprType type) {
    return l -> Values.in(type, l.apply(path));
  }

  static Bool gt(Val left, BigDecimal right) {
    return l -> {
      Object a = left.eval(l);
      return a != null && ((BigDecimal) a).compareTo(right) > 0;
    };
  }

  static Bool ge(Val left, BigDecimal right) {
    return l -> {
      Object a = left.eval(l);
      return a != null && ((BigDecimal) a).compareTo(right) >= 0;
    };
  }

  static Bool textEq(Val left, String right) {
    return l -> right.equals(left.eval(l));
  }

  static Bool and(Bool a, Bool b) {
    return l -> a.test(l) && b.test(l);
  }

  /** {@code score > 50 && status == 'qualified' && annualRevenue >= 1000000}, as the tree would build it. */
  static Bool rule() {
    return and(and(gt(input("score", ExprType.NUMBER), new BigDecimal("50")),
        textEq(input("status", ExprType.TEXT), "qualified")),
        ge(input("annualRevenue", ExprType.NUMBER), new BigDecimal("1000000")));
  }
}
