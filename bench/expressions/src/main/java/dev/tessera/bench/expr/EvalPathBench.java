package dev.tessera.bench.expr;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Values;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;
import org.mvel2.integration.impl.MapVariableResolverFactory;
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

/**
 * Where Tessera's evaluation time goes (diagnostics, BigDecimal records only). Splits
 * {@code CompiledExpression.test} into its MVEL part (the generated text run over prepared variable
 * maps) and its wrapper part (HashMap + {@code Values.in} per evaluation), and measures candidate
 * fixes: other generated text for the same rule (untyped, int literals), a lazy variable factory instead of the HashMap, and
 * a closure tree without MVEL. Prototypes live in this benchmark only, never in Tessera's sources.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class EvalPathBench {
  static final String[] NAMES = {"v_score", "v_status", "v_annualRevenue"};
  static final String[] PATHS = {"score", "status", "annualRevenue"};
  static final ExprType[] TYPES = {ExprType.NUMBER, ExprType.TEXT, ExprType.NUMBER};

  Map<String, Object>[] recs;
  Map<String, Object>[] recsBd;
  Map<String, Object>[] vars;
  int i;

  CompiledExpression tessera;
  Serializable mvelAsmBd;
  Serializable gen;
  Serializable genUntyped;
  Serializable genIntLiterals;
  ClosureRule.Bool closure;

  String genText;
  String intText;

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() {
    recs = Fixtures.primitiveRecords();
    recsBd = Fixtures.bigDecimalRecords(recs);
    vars = new Map[recsBd.length];
    for (int k = 0; k < recsBd.length; k++) {
      vars[k] = prepared(recsBd[k]);
    }
    OptimizerFactory.setDefaultOptimizer(OptimizerFactory.SAFE_REFLECTIVE);
    tessera = Expressions.compile(Fixtures.RULE, Fixtures.leadScope(), ExprType.BOOLEAN);
    genText = tessera.mvel();
    intText = genText.replace("50B", "50").replace("1000000B", "1000000");

    OptimizerFactory.setDefaultOptimizer("ASM");
    mvelAsmBd = MVEL.compileExpression(Fixtures.RULE);
    warm(mvelAsmBd, recsBd);
    OptimizerFactory.setDefaultOptimizer(OptimizerFactory.SAFE_REFLECTIVE);

    gen = MVEL.compileExpression(genText, typedContext());
    ParserContext untyped = new ParserContext();
    genUntyped = MVEL.compileExpression(genText, untyped);
    genIntLiterals = MVEL.compileExpression(intText, typedContext());
    closure = ClosureRule.rule();
    check();
  }

  private static ParserContext typedContext() {
    ParserContext pc = new ParserContext();
    pc.setStrongTyping(true);
    for (int k = 0; k < NAMES.length; k++) {
      pc.addInput(NAMES[k], TYPES[k].javaClass());
    }
    return pc;
  }

  private static void warm(Serializable s, Map<String, Object>[] records) {
    for (Map<String, Object> r : records) {
      MVEL.executeExpression(s, r);
    }
  }

  /** The variable map CompiledExpression.evaluate builds, done once per record ahead of time. */
  private static Map<String, Object> prepared(Map<String, Object> rec) {
    Map<String, Object> m = new HashMap<>();
    for (int k = 0; k < NAMES.length; k++) {
      m.put(NAMES[k], Values.in(TYPES[k], rec.get(PATHS[k])));
    }
    return m;
  }

  private void check() {
    for (int k = 0; k < recsBd.length; k++) {
      Map<String, Object> r = recsBd[k];
      boolean expected = tessera.test(r::get);
      Object[] got = {MVEL.executeExpression(mvelAsmBd, r), MVEL.executeExpression(gen, vars[k]),
          MVEL.executeExpression(genUntyped, vars[k]), MVEL.executeExpression(genIntLiterals, vars[k]),
          MVEL.executeExpression(gen, new MapVariableResolverFactory(vars[k])),
          closure.test(r::get), tessera.test(recs[k]::get), closure.test(recs[k]::get)};
      for (Object g : got) {
        if (!Boolean.valueOf(expected).equals(g)) {
          throw new IllegalStateException("variants disagree on record " + k + ": " + r);
        }
      }
    }
  }

  private int next() {
    return (i++) & Fixtures.MASK;
  }

  // ---- the whole path, for reference in this run ----

  @Benchmark
  public boolean tesseraBigDecimalInput() {
    return tessera.test(recsBd[next()]::get);
  }

  @Benchmark
  public Object mvelRawAsmBigDecimal() {
    return MVEL.executeExpression(mvelAsmBd, recsBd[next()]);
  }

  // ---- the MVEL part alone: generated text over variable maps built ahead of time ----

  @Benchmark
  public Object genPreparedVars() {
    return MVEL.executeExpression(gen, vars[next()]);
  }

  /** As above, with a plain MapVariableResolverFactory instead of MVEL.executeExpression(Object, Map)'s caching one. */
  @Benchmark
  public Object genPreparedVarsMapFactory() {
    return MVEL.executeExpression(gen, new MapVariableResolverFactory(vars[next()]));
  }

  @Benchmark
  public Object genPreparedVarsUntyped() {
    return MVEL.executeExpression(genUntyped, vars[next()]);
  }

  @Benchmark
  public Object genIntLiteralsPreparedVars() {
    return MVEL.executeExpression(genIntLiterals, vars[next()]);
  }

  // ---- the wrapper part alone: what evaluate() does before MVEL ----

  @Benchmark
  public Map<String, Object> wrapperOnly() {
    Map<String, Object> r = recsBd[next()];
    Map<String, Object> m = new HashMap<>(NAMES.length * 2 + 2);
    for (int k = 0; k < NAMES.length; k++) {
      m.put(NAMES[k], Values.in(TYPES[k], r.get(PATHS[k])));
    }
    return m;
  }

  // ---- the lazy-input prototype measured here first is now Tessera's own (metamodel Inputs):
  // tesseraBigDecimalInput and tesseraPrimitive measure it; what remains is a path without MVEL ----

  @Benchmark
  public boolean closureTree() {
    return closure.test(recsBd[next()]::get);
  }

  // ---- the same on Integer/Double records (conversion to BigDecimal on every evaluation) ----

  @Benchmark
  public boolean tesseraPrimitive() {
    return tessera.test(recs[next()]::get);
  }

  @Benchmark
  public boolean closureTreePrimitive() {
    return closure.test(recs[next()]::get);
  }

  // ---- compile: Tessera's front end vs MVEL's strong-typed compile of the generated text ----

  /** Only the MVEL part of Expressions.compile: the generated text with the typed ParserContext. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Serializable compileGeneratedTyped() {
    return MVEL.compileExpression(genText, typedContext());
  }
}
