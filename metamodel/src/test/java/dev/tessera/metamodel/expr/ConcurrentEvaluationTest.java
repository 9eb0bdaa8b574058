package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Compiled expressions are shared by every request thread of a metadata version. MVEL optimises a
 * compiled expression on its first runs; this test starts many threads on freshly compiled
 * expressions at once and checks each result against a single-threaded evaluation.
 */
class ConcurrentEvaluationTest {
  static final List<String> SOURCES = List.of(
      "score > 50 && status == 'qualified' && annualRevenue >= 1000000",
      "annualRevenue > 500000 ? 'VIP' : '普通'",
      "round(annualRevenue * (100 - coalesce(discount, 0)) / 100, 2)",
      "status in ['new', 'qualified'] || approved",
      "daysBetween(lastContact, closedAt)",
      "get(['浙江': '华东', '广东': '华南'], province, '其他') + '-' + text(score)",
      "isBlank(email) && !isBlank(name)",
      "addDays(lastContact, score)",
      "mobileCarrier(phone)",
      "size(tags) + len(name)");

  @Test
  void sharedExpressionsGiveTheSameResultsOnManyThreads() throws Exception {
    Random random = new Random(7);
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, Object> r = new HashMap<>(ExpressionsTest.lead());
      r.put("score", random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(100)));
      r.put("annualRevenue", BigDecimal.valueOf(random.nextInt(3_000_000)));
      r.put("status", List.of("new", "qualified", "lost").get(random.nextInt(3)));
      r.put("province", random.nextBoolean() ? "浙江" : "四川");
      r.put("approved", random.nextBoolean() ? null : random.nextBoolean());
      records.add(r);
    }
    Scope scope = ExprFixtures.scope(Scope.Use.CONDITION);
    List<CompiledExpression> fresh = SOURCES.stream().map(s -> Expressions.compile(s, scope, null)).toList();
    List<CompiledExpression> reference = SOURCES.stream().map(s -> Expressions.compile(s, scope, null)).toList();
    Object[][] expected = new Object[fresh.size()][records.size()];
    for (int e = 0; e < fresh.size(); e++) {
      for (int r = 0; r < records.size(); r++) {
        expected[e][r] = reference.get(e).evaluate(records.get(r)::get, ExpressionsTest.MARCH_10);
      }
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      results.add(pool.submit(() -> {
        Random order = new Random(seed);
        start.await();
        int mismatches = 0;
        for (int n = 0; n < 20_000; n++) {
          int e = order.nextInt(fresh.size());
          int r = order.nextInt(records.size());
          Object got = fresh.get(e).evaluate(records.get(r)::get, ExpressionsTest.MARCH_10);
          if (!same(expected[e][r], got)) {
            mismatches++;
          }
        }
        return mismatches;
      }));
    }
    start.countDown();
    int mismatches = 0;
    for (Future<Integer> f : results) {
      mismatches += f.get();
    }
    pool.shutdown();
    assertEquals(0, mismatches, "results that differ from the single-threaded ones");
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }
}
