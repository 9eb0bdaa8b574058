package dev.tessera.bench.expr;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mvel2.MVEL;
import org.mvel2.optimizers.OptimizerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The rule {@code score > 50 && status == 'qualified' && annualRevenue >= 1000000} evaluated
 * the three ways the issue asks for, over the same 1024 seeded records, in one JMH run: a typed Java
 * lambda, raw MVEL compiled (ASM and reflective optimizer) and Tessera's {@link CompiledExpression}.
 * Then the compile cost: one rule (average, microseconds) and a reload of 1,000 distinct rules
 * (single shot, milliseconds). Allocation per operation comes from {@code -prof gc}
 * ({@code gc.alloc.rate.norm}).
 *
 * <p>Two record forms: {@code primitive} (Integer score, Double revenue, like the peer benchmark) and
 * {@code bigDecimal} (what the record service holds). {@link #tessera} includes Tessera's input
 * conversion to BigDecimal on every evaluation; that is the honest cost of the API on such maps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ExpressionBench {
  Map<String, Object>[] recs;
  Map<String, Object>[] recsBd;
  int i;

  Predicate<Map<String, Object>> lambda;
  Predicate<Map<String, Object>> lambdaBd;
  Serializable mvelAsm;
  Serializable mvelReflective;
  Serializable mvelAsmBd;
  CompiledExpression tessera;
  Scope scope;
  long reload;

  @Setup
  public void setup() {
    recs = Fixtures.primitiveRecords();
    recsBd = Fixtures.bigDecimalRecords(recs);
    scope = Fixtures.leadScope();

    lambda = m -> ((Integer) m.get("score")) > 50 && "qualified".equals(m.get("status"))
        && ((Double) m.get("annualRevenue")) >= 1_000_000;
    BigDecimal fifty = BigDecimal.valueOf(50);
    BigDecimal million = BigDecimal.valueOf(1_000_000);
    lambdaBd = m -> ((BigDecimal) m.get("score")).compareTo(fifty) > 0 && "qualified".equals(m.get("status"))
        && ((BigDecimal) m.get("annualRevenue")).compareTo(million) >= 0;

    // MVEL builds its accessors lazily on the first execution, with the optimizer in force then:
    // compile and run each raw expression once over all records under the optimizer it is named for.
    mvelAsm = rawMvel("ASM", recs);
    mvelReflective = rawMvel(OptimizerFactory.SAFE_REFLECTIVE, recs);
    mvelAsmBd = rawMvel("ASM", recsBd);
    // Tessera runs under MVEL's reflective optimizer, which Expressions selects itself (the dynamic one's
    // bytecode step breaks on decimal constants, see AsmLiteralRepro); set it here too, as the raw runs
    // above changed the JVM-wide default.
    OptimizerFactory.setDefaultOptimizer(OptimizerFactory.SAFE_REFLECTIVE);
    tessera = Expressions.compile(Fixtures.RULE, scope, ExprType.BOOLEAN);

    check();
  }

  private static Serializable rawMvel(String optimizer, Map<String, Object>[] records) {
    OptimizerFactory.setDefaultOptimizer(optimizer);
    try {
      Serializable s = MVEL.compileExpression(Fixtures.RULE);
      for (Map<String, Object> r : records) {
        MVEL.executeExpression(s, r);
      }
      return s;
    } finally {
      OptimizerFactory.setDefaultOptimizer(OptimizerFactory.SAFE_REFLECTIVE);
    }
  }

  /** Every variant must give the same answer on every record, or the numbers mean nothing. */
  private void check() {
    int hits = 0;
    for (int k = 0; k < recs.length; k++) {
      Map<String, Object> p = recs[k];
      Map<String, Object> b = recsBd[k];
      boolean expected = lambda.test(p);
      boolean[] got = {lambdaBd.test(b), (Boolean) MVEL.executeExpression(mvelAsm, p),
          (Boolean) MVEL.executeExpression(mvelReflective, p), (Boolean) MVEL.executeExpression(mvelAsmBd, b),
          tessera.test(p::get), tessera.test(b::get)};
      for (boolean g : got) {
        if (g != expected) {
          throw new IllegalStateException("variants disagree on record " + k + ": " + p);
        }
      }
      hits += expected ? 1 : 0;
    }
    if (hits == 0 || hits == recs.length) {
      throw new IllegalStateException("degenerate data: " + hits + " of " + recs.length + " match");
    }
  }

  private Map<String, Object> next() {
    return recs[(i++) & Fixtures.MASK];
  }

  private Map<String, Object> nextBd() {
    return recsBd[(i++) & Fixtures.MASK];
  }

  // ---- evaluation, primitive records (Integer / Double / String) ----

  @Benchmark
  public boolean javaLambda() {
    return lambda.test(next());
  }

  @Benchmark
  public Object mvelRawAsm() {
    return MVEL.executeExpression(mvelAsm, next());
  }

  @Benchmark
  public Object mvelRawReflective() {
    return MVEL.executeExpression(mvelReflective, next());
  }

  /** The public API as a caller uses it: converts score and revenue to BigDecimal on every call. */
  @Benchmark
  public boolean tessera() {
    return tessera.test(next()::get);
  }

  // ---- evaluation, BigDecimal records (what the record service holds) ----

  @Benchmark
  public boolean javaLambdaBigDecimal() {
    return lambdaBd.test(nextBd());
  }

  @Benchmark
  public Object mvelRawAsmBigDecimal() {
    return MVEL.executeExpression(mvelAsmBd, nextBd());
  }

  @Benchmark
  public boolean tesseraBigDecimalInput() {
    return tessera.test(nextBd()::get);
  }

  // ---- compile cost ----

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public CompiledExpression compileTessera() {
    return Expressions.compile(Fixtures.RULE, scope, ExprType.BOOLEAN);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Serializable compileMvelRaw() {
    return MVEL.compileExpression(Fixtures.RULE);
  }

  /** A reload of 1,000 distinct rules (constants differ; never the same text twice in a fork). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void reload1000Tessera(Blackhole bh) {
    for (int k = 0; k < 1000; k++) {
      bh.consume(Expressions.compile(Fixtures.variant(reload++), scope, ExprType.BOOLEAN));
    }
  }

  /** The same reload where each rule is also evaluated once: MVEL builds its accessors on first use. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void reload1000TesseraFirstEval(Blackhole bh) {
    Map<String, Object> r = recsBd[0];
    for (int k = 0; k < 1000; k++) {
      bh.consume(Expressions.compile(Fixtures.variant(reload++), scope, ExprType.BOOLEAN).test(r::get));
    }
  }
}
