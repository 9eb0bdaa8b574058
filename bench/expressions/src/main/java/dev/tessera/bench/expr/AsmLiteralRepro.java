package dev.tessera.bench.expr;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.Expressions;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Found while benchmarking (not a benchmark): under MVEL's default "dynamic" optimizer, a Tessera
 * expression whose generated MVEL passes a BigDecimal literal ({@code 60B}) to an imported function
 * fails on the 52nd evaluation in a JVM, when MVEL tenures the accessor to its ASM optimizer
 * (VerifyError, or "value 60" from the ASM class writer). The rule is not affected (no call).
 * Tessera therefore selects MVEL's reflective optimizer ({@code Expressions}); this program switches
 * the JVM back to "dynamic" after Tessera has loaded, to show the failure MVEL itself still has.
 * Run: {@code java -cp target/benchmarks.jar dev.tessera.bench.expr.AsmLiteralRepro}
 */
public final class AsmLiteralRepro {
  private AsmLiteralRepro() {}

  public static void main(String[] args) {
    Map<String, Object> rec = new HashMap<>();
    rec.put("score", new BigDecimal("60"));
    rec.put("status", "qualified");
    rec.put("annualRevenue", new BigDecimal("2000000"));
    String[] sources = {Fixtures.RULE, "score == 60", "score + 1 > 50", "annualRevenue / 3 > 1",
        "round(annualRevenue, 0) > 5", "status + 'x' == 'qualifiedx'"};
    int failures = 0;
    Expressions.compile(Fixtures.RULE, Fixtures.leadScope(), null); // loads Tessera, which picks "reflective"
    org.mvel2.optimizers.OptimizerFactory.setDefaultOptimizer(org.mvel2.optimizers.OptimizerFactory.DYNAMIC);
    for (String src : sources) {
      CompiledExpression c = Expressions.compile(src, Fixtures.leadScope(), null);
      int k = 0;
      try {
        for (; k < 10_000; k++) {
          c.evaluate(rec::get);
        }
        System.out.printf("ok      %-40s mvel: %s%n", src, c.mvel());
      } catch (Throwable t) {
        failures++;
        System.out.printf("FAILED  %-40s mvel: %s  at evaluation %d: %s%n", src, c.mvel(), k + 1,
            t.toString().lines().findFirst().orElse(""));
      }
    }
    System.out.println(failures + " of " + sources.length + " expressions failed");
  }
}
