package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.json.RuleJson;
import dev.tessera.metamodel.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structured conditions become expressions of the language, quoting values safely. */
class ConditionsTest {
  static List<Condition> json(String s) throws Exception {
    return RuleJson.conditions(MetamodelJson.mapper().readTree(s));
  }

  @Test
  void everyOperatorBecomesTheExpressionItMeans() throws Exception {
    List<Condition> c = json("""
        [{"field": "province", "op": "in", "value": ["浙江", "江苏"]},
         {"field": "score", "op": "gte", "value": -5.5},
         {"field": "status", "op": "ne", "value": "lost"},
         {"field": "email", "op": "isBlank"},
         {"field": "tags", "op": "contains", "value": "vip"}]""");
    assertEquals("(province in ['浙江', '江苏']) && (score >= 0 - 5.5) && (status != 'lost') && (isBlank(email)) && "
        + "(includes(tags, 'vip'))", Conditions.toExpression(c));
    CompiledExpression e = Expressions.compile(Conditions.toExpression(c), ExprFixtures.scope(Scope.Use.CONDITION), ExprType.BOOLEAN);
    Map<String, Object> lead = ExpressionsTest.lead();
    assertTrue(e.test(lead::get));
  }

  @Test
  void quotesInValuesStayInsideTheText() throws Exception {
    String expr = Conditions.toExpression(json("[{\"field\": \"name\", \"op\": \"eq\", \"value\": \"x' || true || '\"}]"));
    CompiledExpression e = Expressions.compile(expr, ExprFixtures.scope(Scope.Use.CONDITION), ExprType.BOOLEAN);
    assertFalse(e.test(ExpressionsTest.lead()::get), expr);
    assertTrue(e.test(Map.<String, Object>of("name", "x' || true || '")::get), expr);
  }

  @Test
  void writtenAndStructuredConditionsCombine() throws Exception {
    assertEquals("true", Conditions.combine(null, json("[]")));
    assertEquals("(score > 1) && (status == 'new')",
        Conditions.combine("score > 1", json("[{\"field\": \"status\", \"op\": \"eq\", \"value\": \"new\"}]")));
  }
}
