package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test with a seeded generator (no jqwik): thousands of random well-typed expressions over
 * the lead entity must all be accepted, compile in MVEL, and evaluate on random records (blanks
 * included) to a value of their type or blank; the only failure evaluation may raise is an
 * {@link EvaluationException}. Catches generated MVEL that strong typing refuses.
 */
class GeneratedExpressionsTest {
  private static final long SEED = 20261123L;
  private static final int EXPRESSIONS = 3000;

  private final Random random = new Random(SEED);

  @Test
  void randomWellTypedExpressionsCompileAndEvaluate() {
    Scope scope = ExprFixtures.scope(Scope.Use.CONDITION);
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(record());
    }
    int evaluated = 0;
    for (int i = 0; i < EXPRESSIONS; i++) {
      ExprType.Kind kind = ExprType.Kind.values()[random.nextInt(5)];
      String source = gen(kind, 4);
      CompiledExpression c;
      try {
        c = Expressions.compile(source, scope, null);
      } catch (ExpressionException e) {
        if (e.getMessage().contains("is not an option of") || e.getMessage().contains("null (blank)")) {
          continue; // the generator compared a picklist with a value it does not have: rightly refused
        }
        fail("seed " + SEED + " #" + i + ": " + source + " was not accepted: " + e.getMessage(), e);
        return;
      } catch (RuntimeException e) {
        fail("seed " + SEED + " #" + i + ": " + source + " was not accepted: " + e.getMessage(), e);
        return;
      }
      assertTrue(c.type().kind() == kind || c.type().kind() == ExprType.Kind.NULL || c.type().kind() == ExprType.Kind.ANY, source + " has type " + c.type());
      for (int round = 0; round < 4; round++) { // past MVEL's warm-up of a compiled expression (50 runs)
      for (Map<String, Object> r : records) {
        try {
          Object v = c.evaluate(r::get, ExpressionsTest.MARCH_10);
          assertTrue(v == null || c.type().javaClass().isInstance(v), () -> source + " gave " + v.getClass() + " for " + c.type());
          evaluated++;
        } catch (EvaluationException e) {
          // a value out of range (e.g. a date beyond year 999999999) is a legitimate evaluation failure
        } catch (RuntimeException e) {
          fail("seed " + SEED + " #" + i + ": " + source + " → MVEL " + c.mvel() + " failed on " + r + ": " + e, e);
        }
      }
      }
    }
    assertTrue(evaluated > EXPRESSIONS * 60, "most evaluations give a value: " + evaluated);
  }

  private Map<String, Object> record() {
    Map<String, Object> r = new HashMap<>();
    r.put("name", maybe(pick("王小明", "Li Lei", "", "  ")));
    r.put("phone", maybe(pick("+8613812345678", "13012345678", "021-5555")));
    r.put("email", maybe("a@b.cn"));
    r.put("score", maybe(BigDecimal.valueOf(random.nextInt(100))));
    r.put("annualRevenue", maybe(new BigDecimal(random.nextInt(5_000_000) + ".25")));
    r.put("discount", maybe(BigDecimal.valueOf(random.nextInt(50))));
    r.put("approved", maybe(random.nextBoolean()));
    r.put("status", maybe(pick("new", "qualified", "lost")));
    r.put("province", maybe(pick("浙江", "广东")));
    r.put("lastContact", maybe("2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)));
    r.put("closedAt", maybe("2026-03-09T18:30:00+08:00"));
    r.put("tags", maybe(List.of("vip", "douyin").subList(0, random.nextInt(3))));
    r.put("idCard", maybe(pick("11010519491231002X", "123")));
    r.put("company.industry", maybe("retail"));
    r.put("company.name", maybe("杭州百货"));
    return r;
  }

  private Object maybe(Object v) {
    return random.nextInt(5) == 0 ? null : v;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private String gen(ExprType.Kind kind, int depth) {
    boolean leaf = depth <= 0 || random.nextInt(3) == 0;
    return switch (kind) {
      case NUMBER -> leaf ? pick("score", "annualRevenue", "discount", "3", "0.5", "100", "0") : pick(
          "(" + gen(kind, depth - 1) + " " + pick("+", "-", "*", "/", "%") + " " + gen(kind, depth - 1) + ")",
          "-" + gen(kind, depth - 1),
          "round(" + gen(kind, depth - 1) + ", 2)", "round(" + gen(kind, depth - 1) + ")",
          pick("abs", "ceil", "floor") + "(" + gen(kind, depth - 1) + ")",
          pick("min", "max", "coalesce", "ifBlank") + "(" + gen(kind, depth - 1) + ", " + gen(kind, depth - 1) + ")",
          "len(" + gen(ExprType.Kind.TEXT, depth - 1) + ")", "size(" + list() + ")", "sum([1, " + gen(kind, depth - 1) + "])",
          "get(['a': 1, 'b': 2], " + gen(ExprType.Kind.TEXT, depth - 1) + ", " + gen(kind, depth - 1) + ")",
          "at([1, 2, " + gen(kind, depth - 1) + "], " + gen(kind, depth - 1) + ")", "first([" + gen(kind, depth - 1) + "])",
          "daysBetween(" + gen(ExprType.Kind.DATE, depth - 1) + ", " + gen(ExprType.Kind.DATE, depth - 1) + ")",
          pick("year", "month", "day", "weekday") + "(" + gen(ExprType.Kind.DATE, depth - 1) + ")",
          "number(" + gen(ExprType.Kind.TEXT, depth - 1) + ")", ternary(kind, depth));
      case TEXT -> leaf ? pick("name", "status", "province", "phone", "company.industry", "'VIP'", "'普通'", "''") : pick(
          "(" + gen(kind, depth - 1) + " + " + gen(ExprType.Kind.values()[random.nextInt(5)], depth - 1) + ")",
          pick("upper", "lower", "trim", "mobileCarrier", "idCardProvince", "idCardGender") + "(" + gen(kind, depth - 1) + ")",
          pick("left", "right") + "(" + gen(kind, depth - 1) + ", " + gen(ExprType.Kind.NUMBER, depth - 1) + ")",
          "mid(" + gen(kind, depth - 1) + ", 2, " + gen(ExprType.Kind.NUMBER, depth - 1) + ")",
          "replace(" + gen(kind, depth - 1) + ", 'a', " + gen(kind, depth - 1) + ")",
          "text(" + gen(ExprType.Kind.values()[random.nextInt(5)], depth - 1) + ")",
          pick("coalesce", "ifBlank") + "(" + gen(kind, depth - 1) + ", " + gen(kind, depth - 1) + ")",
          "get(['浙江': '华东'], " + gen(kind, depth - 1) + ")", "join(" + list() + ", " + gen(kind, depth - 1) + ")",
          "first(tags)", "at(tags, " + gen(ExprType.Kind.NUMBER, depth - 1) + ")", ternary(kind, depth));
      case BOOLEAN -> leaf ? pick("approved", "true", "false") : pick(
          "(" + gen(ExprType.Kind.NUMBER, depth - 1) + " " + pick("<", "<=", ">", ">=", "==", "!=") + " " + gen(ExprType.Kind.NUMBER, depth - 1) + ")",
          "(" + gen(ExprType.Kind.TEXT, depth - 1) + " " + pick("<", ">", "==", "!=") + " " + gen(ExprType.Kind.TEXT, depth - 1) + ")",
          "(" + gen(ExprType.Kind.DATE, depth - 1) + " " + pick("<", ">=", "==", "!=") + " " + gen(ExprType.Kind.DATE, depth - 1) + ")",
          "(" + gen(kind, depth - 1) + " " + pick("&&", "||", "and", "or") + " " + gen(kind, depth - 1) + ")",
          pick("!", "not ") + "(" + gen(kind, depth - 1) + ")",
          "(" + gen(ExprType.Kind.TEXT, depth - 1) + pick(" in ", " not in ") + list() + ")",
          "(" + gen(ExprType.Kind.NUMBER, depth - 1) + " in [1, 2.0, " + gen(ExprType.Kind.NUMBER, depth - 1) + "])",
          "isBlank(" + gen(ExprType.Kind.values()[random.nextInt(5)], depth - 1) + ")",
          "includes(" + pick(list(), gen(ExprType.Kind.TEXT, depth - 1)) + ", " + gen(ExprType.Kind.TEXT, depth - 1) + ")",
          pick("startsWith", "endsWith") + "(" + gen(ExprType.Kind.TEXT, depth - 1) + ", " + gen(ExprType.Kind.TEXT, depth - 1) + ")",
          pick("isMobile", "idCardValid") + "(" + gen(ExprType.Kind.TEXT, depth - 1) + ")",
          "coalesce(" + gen(kind, depth - 1) + ", false)", "(" + gen(ExprType.Kind.TEXT, depth - 1) + " == null)", ternary(kind, depth));
      case DATE -> leaf ? pick("lastContact", "today()", "toDate('2026年3月8日')") : pick(
          pick("addDays", "addMonths", "addYears") + "(" + gen(kind, depth - 1) + ", " + gen(ExprType.Kind.NUMBER, depth - 1) + ")",
          "date(2026, " + gen(ExprType.Kind.NUMBER, depth - 1) + ", 1)", "dateOf(closedAt)", "dateOf(now())",
          "idCardBirthday(idCard)", "toDate(" + gen(ExprType.Kind.TEXT, depth - 1) + ")",
          pick("coalesce", "ifBlank") + "(" + gen(kind, depth - 1) + ", " + gen(kind, depth - 1) + ")", ternary(kind, depth));
      default -> leaf ? pick("closedAt", "now()") : pick("addDays(closedAt, " + gen(ExprType.Kind.NUMBER, depth - 1) + ")",
          "coalesce(closedAt, now())", ternary(kind, depth));
    };
  }

  private String list() {
    return pick("tags", "['a', 'vip']", "[]");
  }

  private String ternary(ExprType.Kind kind, int depth) {
    return "(" + gen(ExprType.Kind.BOOLEAN, depth - 1) + " ? " + gen(kind, depth - 1) + " : " + pick(gen(kind, depth - 1), "null") + ")";
  }
}
