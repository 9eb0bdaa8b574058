package dev.tessera.expression;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static dev.tessera.support.Defs.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.platform.PlatformException;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expressions in the product: formulas computed on write, stored, readable and filterable; default
 * expressions on create; validation rules blocking writes with VALIDATION_FAILED naming the rule, on
 * every write path; compile once per version.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ExpressionsComponentTest {
  static String co;
  static String deal;
  static String Co;
  static String Deal;

  @Inject
  ExpressionCache cache;

  @Inject
  MetadataRegistry registry;

  @BeforeEach
  void publishOnce() {
    if (deal != null) {
      return;
    }
    co = Gql.unique("org");
    deal = Gql.unique("deal");
    Co = cap(co);
    Deal = cap(deal);
    Map<String, Object> company = entity(co, field("name", "text"), field("industry", "picklist", "options",
        options("retail", "finance")), field("region", "text"));
    Map<String, Object> d = entity(deal,
        field("title", "text", "required", true),
        field("amount", "money"),
        field("discount", "percent"),
        field("approved", "bool"),
        field("status", "picklist", "options", options("new", "won", "lost")),
        field("org", "reference", "target", co, "onDelete", "setNull"),
        field("region", "text", "defaultExpression", "org.region"),
        field("followUp", "date", "defaultExpression", "addDays(today(), 3)"),
        field("code", "text", "required", true, "defaultExpression", "'D-' + upper(left(title, 3))"),
        field("level", "formula", "resultType", "text", "expression", "amount >= 500000 ? 'VIP' : '普通'"),
        field("net", "formula", "resultType", "money", "expression", "round(amount * (100 - coalesce(discount, 0)) / 100, 2)"),
        field("bigDeal", "formula", "resultType", "bool", "expression", "net > 1000000"),
        field("linked", "formula", "resultType", "text", "expression", "isBlank(org) ? 'no' : 'yes'"));
    d.put("rules", List.of(
        rule("discountCap", "discount == null || discount <= 30 || approved", "折扣超过 30% 需要审批", "A discount above 30% needs approval"),
        rule("financeNeedsAmount", "org.industry != 'finance' || amount != null", "金融行业客户必须填写金额",
            "Deals with finance companies need an amount")));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(company, d)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
  }

  static Map<String, Object> rule(String name, String assertion, String zh, String en) {
    return Map.of("name", name, "assert", assertion, "message", label(zh, en));
  }

  static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  String org(String name, String industry, String region) {
    return Gql.ok("mutation { create" + Co + "(input: {name: \"" + name + "\", industry: \"" + industry + "\", region: \""
        + region + "\"}) { id } }").getString("data.create" + Co + ".id");
  }

  JsonPath create(String input) {
    return Gql.post("mutation { create" + Deal + "(input: {" + input + "}) { id version code level net bigDeal region followUp } }");
  }

  @Test
  void formulasAreComputedOnCreateAndUpdateStoredAndFilterable() {
    JsonPath c = create("title: \"flagship\", amount: \"1200000\", discount: 10");
    assertNull(c.get("errors"), c.prettify());
    String id = c.getString("data.create" + Deal + ".id");
    assertEquals("VIP", c.getString("data.create" + Deal + ".level"));
    assertEquals("1080000.00", new java.math.BigDecimal(c.getString("data.create" + Deal + ".net")).setScale(2).toPlainString());
    assertTrue(c.getBoolean("data.create" + Deal + ".bigDeal"), "a formula reading another formula");

    JsonPath u = Gql.ok("mutation { update" + Deal + "(id: \"" + id + "\", version: 1, patch: {amount: \"1000\"}) { level net bigDeal } }");
    assertEquals("普通", u.getString("data.update" + Deal + ".level"));
    assertFalse(u.getBoolean("data.update" + Deal + ".bigDeal"));

    create("title: \"other vip\", amount: \"800000\"");
    JsonPath vip = Gql.ok("{ " + deal + "s(filter: {level: {eq: \"VIP\"}}) { totalCount nodes { title } } }");
    assertEquals(List.of("other vip"), vip.getList("data." + deal + "s.nodes.title"));
    JsonPath rich = Gql.ok("{ " + deal + "s(filter: {net: {gte: 500000}}) { nodes { title } } }");
    assertEquals(List.of("other vip"), rich.getList("data." + deal + "s.nodes.title"));
  }

  @Test
  void publishingANewOrChangedFormulaRecomputesStoredRecords() {
    String name = Gql.unique("ticket");
    String Name = cap(name);
    Map<String, Object> v1 = entity(name, field("hours", "number"),
        field("cost", "formula", "resultType", "number", "expression", "hours * 100"));
    publish(v1);
    for (int i = 1; i <= 3; i++) {
      Gql.ok("mutation { create" + Name + "(input: {hours: " + i + "}) { id } }");
    }
    Map<String, Object> v2 = entity(name, field("hours", "number"),
        field("cost", "formula", "resultType", "number", "expression", "hours * 120"),
        field("size", "formula", "resultType", "text", "expression", "hours >= 2 ? 'big' : 'small'"));
    JsonPath r = publish(v2);
    List<String> changes = r.getList("data.publishDefinitions.changes");
    assertTrue(changes.stream().anyMatch(c -> c.contains("recompute formula cost, size of " + name + ": 3 record(s)")), changes.toString());
    JsonPath big = Gql.ok("{ " + name + "s(filter: {size: {eq: \"big\"}}, orderBy: [{hours: ASC}]) { nodes { hours cost } } }");
    assertEquals(List.of(240, 360), big.getList("data." + name + "s.nodes.cost", Float.class).stream().map(Float::intValue).toList());
  }

  JsonPath publish(Map<String, Object> definition) {
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes problems { path message } } }",
        Map.of("d", List.of(definition)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return r;
  }

  @Test
  void formulasFollowAReferenceClearedByADelete() {
    String org = org("将关闭的公司", "retail", "华北");
    String id = create("title: \"orphan\", org: \"" + org + "\"").getString("data.create" + Deal + ".id");
    assertEquals("yes", Gql.ok("{ " + deal + "(id: \"" + id + "\") { linked } }").getString("data." + deal + ".linked"));
    Gql.ok("mutation { delete" + Co + "(id: \"" + org + "\") { id } }");
    JsonPath after = Gql.ok("{ " + deal + "(id: \"" + id + "\") { org { name } linked } }");
    assertNull(after.get("data." + deal + ".org"));
    assertEquals("no", after.getString("data." + deal + ".linked"), "formula recomputed when the reference was cleared");
  }

  @Test
  void formulasCannotBeWrittenByClients() {
    JsonPath c = create("title: \"x\", level: \"VIP\"");
    assertEquals("BAD_USER_INPUT", c.getString("errors[0].extensions.code"), "not in the input type: " + c.prettify());
  }

  @Test
  void defaultExpressionsFillBlankFieldsOnCreateOnly() {
    String org = org("上海百货", "retail", "华东");
    JsonPath c = create("title: \"spring fair\", org: \"" + org + "\"");
    assertNull(c.get("errors"), c.prettify());
    assertEquals("华东", c.getString("data.create" + Deal + ".region"), "default read through the reference");
    assertEquals(LocalDate.now(EvalContext.CHINA).plusDays(3).toString(), c.getString("data.create" + Deal + ".followUp"));
    assertEquals("D-SPR", c.getString("data.create" + Deal + ".code"), "a required field filled by its default");
    JsonPath given = create("title: \"given\", region: \"华南\", code: \"X-1\"");
    assertEquals("华南", given.getString("data.create" + Deal + ".region"), "a value the client sent wins");
    assertEquals("X-1", given.getString("data.create" + Deal + ".code"));
    String id = c.getString("data.create" + Deal + ".id");
    JsonPath u = Gql.ok("mutation { update" + Deal + "(id: \"" + id + "\", version: 1, patch: {region: null}) { region } }");
    assertNull(u.getString("data.update" + Deal + ".region"), "defaults do not come back on update");
  }

  @Test
  void aRuleThatDoesNotHoldBlocksTheWriteNamingTheRule() {
    long before = count();
    JsonPath bad = create("title: \"too cheap\", amount: \"100\", discount: 45");
    assertEquals("VALIDATION_FAILED", bad.getString("errors[0].extensions.code"), bad.prettify());
    assertEquals("discountCap", bad.getString("errors[0].extensions.problems[0].rule"));
    assertEquals("RULE_FAILED", bad.getString("errors[0].extensions.problems[0].code"));
    assertTrue(bad.getString("errors[0].message").contains("A discount above 30% needs approval"), bad.prettify());
    assertEquals(before, count(), "nothing stored");

    String zh = RestAssured.given().contentType("application/json").header("Accept-Language", "zh-CN")
        .body(new io.vertx.core.json.JsonObject().put("query",
            "mutation { create" + Deal + "(input: {title: \"x\", discount: 45}) { id } }").encode())
        .post("/graphql").then().extract().jsonPath().getString("errors[0].message");
    assertTrue(zh.startsWith("折扣超过 30% 需要审批"), zh);

    JsonPath approved = create("title: \"approved\", amount: \"100\", discount: 45, approved: true");
    assertNull(approved.get("errors"), approved.prettify());
  }

  @Test
  void rulesAndFieldChecksAreReportedTogether() {
    JsonPath bad = create("discount: 45");
    List<Map<String, Object>> problems = bad.getList("errors[0].extensions.problems");
    assertTrue(problems.stream().anyMatch(p -> "title".equals(p.get("field")) && "REQUIRED".equals(p.get("code"))), bad.prettify());
    assertTrue(problems.stream().anyMatch(p -> "discountCap".equals(p.get("rule"))), bad.prettify());
  }

  @Test
  void rulesHoldOnUpdateAndOnEveryWritePath() {
    String id = create("title: \"ok\", amount: \"100\", discount: 10").getString("data.create" + Deal + ".id");
    JsonPath u = Gql.post("mutation { update" + Deal + "(id: \"" + id + "\", version: 1, patch: {discount: 50}) { version } }");
    assertEquals("discountCap", u.getString("errors[0].extensions.problems[0].rule"), u.prettify());
    assertEquals(1, Gql.ok("{ " + deal + "(id: \"" + id + "\") { version } }").getInt("data." + deal + ".version"));

    long before = count();
    List<Map<String, Object>> inputs = new ArrayList<>();
    inputs.add(Map.of("title", "batch ok", "discount", 5));
    inputs.add(Map.of("title", "batch bad", "discount", 60));
    JsonPath many = Gql.post("mutation M($i: [" + Deal + "Input!]!) { create" + Deal + "s(inputs: $i) { id } }", Map.of("i", inputs));
    assertEquals("discountCap", many.getString("errors[0].extensions.problems[0].rule"), many.prettify());
    assertEquals(before, count(), "a batch is all or nothing");
  }

  @Test
  void rulesReadThroughReferences() {
    String bank = org("招商银行", "finance", "华南");
    JsonPath bad = create("title: \"loan\", org: \"" + bank + "\"");
    assertEquals("financeNeedsAmount", bad.getString("errors[0].extensions.problems[0].rule"), bad.prettify());
    JsonPath ok = create("title: \"loan\", org: \"" + bank + "\", amount: \"5\"");
    assertNull(ok.get("errors"), ok.prettify());
  }

  @Test
  void aBadExpressionIsAPublishProblemWithLineAndColumn() {
    Map<String, Object> e = entity(Gql.unique("bad"), field("amount", "money"),
        field("level", "formula", "resultType", "number", "expression", "amount > 5\n  ? 'big' : 'small'"),
        field("hack", "formula", "resultType", "text", "expression", "''.getClass().forName('java.lang.Runtime')"));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { code path line column message(locale: \"en\") } } }",
        Map.of("d", List.of(e)));
    assertFalse(r.getBoolean("data.publishDefinitions.applied"));
    List<Map<String, Object>> problems = r.getList("data.publishDefinitions.problems");
    assertEquals(2, problems.size(), r.prettify());
    Map<String, Object> type = problems.get(0);
    assertEquals("$[0].fields[1].expression", type.get("path"));
    assertEquals(1, type.get("line"));
    assertEquals(1, type.get("column"));
    assertTrue(((String) type.get("message")).contains("must yield a number"), type.toString());
    Map<String, Object> hack = problems.get(1);
    assertEquals("INVALID_EXPRESSION", hack.get("code"));
    assertEquals(4, hack.get("column"), hack.toString());
  }

  @Test
  void expressionsCompileOncePerVersionAndTheCacheAnswersInSteadyState() {
    create("title: \"warm up\", amount: \"10\"");
    // a publish by work running in the background (another test class's job) compiles every entity again:
    // the measurement counts only a round during which the metadata version stayed the same
    for (int round = 0; ; round++) {
      var snapshot = registry.current();
      CompiledExpression cond = cache.condition(snapshot, deal, "amount > 100 && status in ['new', 'won']");
      long compiled = Expressions.compilations(deal);
      long hits = cache.hits(deal);
      long misses = cache.misses(deal);
      for (int i = 0; i < 50; i++) {
        JsonPath c = create("title: \"steady " + round + "-" + i + "\", amount: \"" + (i * 1000) + "\", discount: 5");
        assertNull(c.get("errors"), c.prettify());
        assertTrue(cache.condition(snapshot, deal, "amount > 100 && status in ['new', 'won']") == cond);
      }
      if (registry.current().version() != snapshot.version() && round < 3) {
        continue;
      }
      assertEquals(compiled, Expressions.compilations(deal), "no expression compiled again in steady state");
      long lookups = cache.hits(deal) - hits + cache.misses(deal) - misses;
      assertTrue(lookups >= 100, "lookups: " + lookups);
      assertEquals(1.0, (double) (cache.hits(deal) - hits) / lookups, "hit rate after warm-up");
      return;
    }
  }

  @Test
  void theConditionApiRejectsWhatIsNotAnExpression() {
    var snapshot = registry.current();
    PlatformException e = org.junit.jupiter.api.Assertions.assertThrows(PlatformException.class,
        () -> cache.condition(snapshot, deal, "amount > 1; System.exit(0)"));
    assertEquals("INVALID_EXPRESSION", e.code().name());
    assertTrue(e.getMessage().startsWith("Line 1, column 11"), e.getMessage());
    CompiledExpression ok = cache.condition(snapshot, deal, "amount > 100 && status == 'won'");
    assertTrue(ok.test(Map.<String, Object>of("amount", new java.math.BigDecimal("500"), "status", "won")::get));
  }

  @Inject
  ConditionService conditions;

  @Inject
  dev.tessera.platform.TxRunner tx;

  @Inject
  dev.tessera.record.RecordStore store;

  @Test
  void conditionsReadStoredRecordsAndTheirReferences() {
    String retail = org("杭州百货", "retail", "华东");
    String id = create("title: \"fair\", amount: \"900\", org: \"" + retail + "\"").getString("data.create" + Deal + ".id");
    var snapshot = registry.current();
    var e = snapshot.entity(deal);
    Boolean yes = tx.withConnection(t -> store.findById(t, e, java.util.UUID.fromString(id), false)
        .chain(r -> conditions.test(t, snapshot, deal, "org.industry == 'retail' && amount < 1000 && region == '华东'", r)))
        .await().indefinitely();
    assertTrue(yes);
    Boolean no = tx.withConnection(t -> store.findById(t, e, java.util.UUID.fromString(id), false)
        .chain(r -> conditions.test(t, snapshot, deal, "org.industry == 'finance' || createdAt > now()", r)))
        .await().indefinitely();
    assertFalse(no);
  }

  long count() {
    return Gql.ok("{ " + deal + "s { totalCount } }").getLong("data." + deal + "s.totalCount");
  }
}
