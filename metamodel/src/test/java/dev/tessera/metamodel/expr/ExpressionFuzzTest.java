package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the expression language (Jazzer): any text either compiles, and then
 * evaluates to a value or an EvaluationException, or is refused with an ExpressionException positioned
 * inside the text; nothing else may escape (no parser crash, no MVEL error, no stack overflow). In a
 * normal test run it replays the saved inputs; {@code JAZZER_FUZZ=1} fuzzes for the bounded time.
 */
class ExpressionFuzzTest {
  static final Map<String, Object> VALUES = Map.of("name", "王小明", "amount", new BigDecimal("1200.50"),
      "status", "qualified", "score", new BigDecimal("61"));

  @FuzzTest(maxDuration = "30s")
  void anyTextCompilesAndEvaluatesOrIsRefusedWithAPosition(FuzzedDataProvider data) {
    Scope.Use use = data.pickValue(Scope.Use.values());
    ExprType expected = data.pickValue(new ExprType[] {ExprType.BOOLEAN, ExprType.TEXT, ExprType.NUMBER});
    String source = data.consumeRemainingAsString();
    CompiledExpression compiled;
    try {
      compiled = Expressions.compile(source, ExprFixtures.scope(use), expected);
    } catch (ExpressionException refused) {
      assertTrue(refused.line() >= 1 && refused.column() >= 1, "refused without a position: " + refused.getMessage());
      return;
    }
    try {
      compiled.evaluate(VALUES::get);
    } catch (EvaluationException expectedFailure) {
      // a value the expression cannot compute (division by zero, a blank field) is a business outcome
    }
  }
}
