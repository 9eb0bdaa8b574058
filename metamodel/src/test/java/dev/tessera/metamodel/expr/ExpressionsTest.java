package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The language's meaning: each row is an expression, the record it runs on and the value it gives.
 * The day is fixed at 2026-03-10 (Asia/Shanghai).
 */
class ExpressionsTest {
  static final EvalContext MARCH_10 = new EvalContext(Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), EvalContext.CHINA));

  static Map<String, Object> lead() {
    Map<String, Object> r = new HashMap<>();
    r.put("name", "王小明");
    r.put("phone", "+8613812345678");
    r.put("score", new BigDecimal("72"));
    r.put("annualRevenue", new BigDecimal("1200000.50"));
    r.put("discount", new BigDecimal("0.25"));
    r.put("approved", null);
    r.put("status", "qualified");
    r.put("province", "浙江");
    r.put("lastContact", "2026-03-01");
    r.put("closedAt", "2026-03-09T18:30:00+08:00");
    r.put("tags", List.of("vip", "douyin"));
    r.put("idCard", "11010519491231002X");
    r.put("company.industry", "retail");
    r.put("company.name", "杭州百货");
    return r;
  }

  static Object eval(String source) {
    return Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), null).evaluate(lead()::get, MARCH_10);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      1 + 2 * 3                                                   | 7
      0.1 + 0.2 == 0.3                                            | true
      annualRevenue * 0.1                                         | 120000.05
      annualRevenue / 3                                           | 400000.1666666666666666666666666667
      round(annualRevenue / 3, 2)                                 | 400000.17
      10 / 0                                                      |
      email + '!'                                                 | !
      score + email                                               | 72
      discount * 100 + '%'                                        | 25%
      score > 50 && status == 'qualified' && annualRevenue >= 1000000 | true
      annualRevenue > 500000 ? 'VIP' : '普通'                       | VIP
      email == null                                               | true
      email > 'a'                                                 | false
      approved                                                    |
      !approved                                                   | true
      approved || score > 70                                      | true
      not approved and score > 70                                 | true
      status in ['new', 'qualified']                              | true
      status not in ['new', 'qualified']                          | false
      72.0 in [70, 72]                                            | true
      'vip' in tags                                               | true
      includes(tags, 'douyin')                                    | true
      size(tags)                                                  | 2
      join(tags, '/')                                             | vip/douyin
      company.industry == 'retail'                                | true
      company.name + ' · ' + name                                 | 杭州百货 · 王小明
      daysSince(lastContact)                                      | 9
      daysBetween(lastContact, closedAt)                          | 8
      addDays(lastContact, 30)                                    | 2026-03-31
      addMonths(lastContact, -3)                                  | 2025-12-01
      lastContact < today()                                       | true
      lastContact < closedAt                                      | true
      weekday(today())                                            | 2
      year(closedAt) * 100 + month(closedAt)                      | 202603
      date(2026, 2, 30)                                           |
      toDate('2026年3月8日')                                        | 2026-03-08
      daysUntil(toDate('2026/12/31'))                             | 296
      len(name)                                                   | 3
      left(name, 1) + '先生'                                        | 王先生
      mid('ABCDEF', 2, 3)                                         | BCD
      upper(trim('  ab '))                                        | AB
      replace(province, '浙江', 'ZJ')                               | ZJ
      startsWith(phone, '+86')                                    | true
      number('1,234.50') + 1                                      | 1235.5
      text(score) + '分'                                           | 72分
      isBlank(email) && !isBlank(name)                            | true
      coalesce(email, phone)                                      | +8613812345678
      ifBlank('  ', 'n/a')                                        | n/a
      get(['浙江': '华东', '广东': '华南'], province, '其他')            | 华东
      get(['浙江': '华东'], 'x')                                    |
      at(tags, 2)                                                 | douyin
      first(tags)                                                 | vip
      sum([1, 2.5, 3])                                            | 6.5
      min(score, 60) + max(score, 60)                             | 132
      abs(-3) + ceil(1.2) + floor(1.8)                            | 6
      -score                                                      | -72
      score % 10                                                  | 2
      mobileCarrier(phone)                                        | 中国移动
      mobileCarrier('13012345678')                                | 中国联通
      mobileCarrier('18912345678')                                | 中国电信
      isMobile('12345')                                           | false
      idCardValid(idCard)                                         | true
      idCardProvince(idCard)                                      | 北京
      idCardBirthday(idCard)                                      | 1949-12-31
      idCardGender(idCard)                                        | 女
      idCardValid('110105194912310021')                           | false
      'a\\'b'                                                      | a'b
      "say \\"hi\\""                                               | say "hi"
      """)
  void evaluates(String source, String expected) {
    Object v = eval(source);
    assertEquals(expected, v == null ? null : Values.out(Functions.text(v)), source + " → MVEL " + mvel(source));
  }

  @org.junit.jupiter.api.Test
  void hugeNumbersInDataAreRefusedNotComputed() {
    CompiledExpression c = Expressions.compile("score + 1", ExprFixtures.scope(Scope.Use.CONDITION), null);
    Map<String, Object> r = Map.of("score", new BigDecimal("1E+1000000"));
    assertThrows(EvaluationException.class, () -> c.evaluate(r::get, MARCH_10));
    assertEquals(new BigDecimal("1E+39").add(BigDecimal.ONE), c.evaluate(Map.<String, Object>of("score", new BigDecimal("1E+39"))::get, MARCH_10));
  }

  private static String mvel(String source) {
    return Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), null).mvel();
  }
}
