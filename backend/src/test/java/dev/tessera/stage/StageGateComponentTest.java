package dev.tessera.stage;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stage gates on the write path, through GraphQL on the real database (ADR 0053): entering a gated
 * stage with required fields blank names each of them in the caller's language; a false condition says
 * the gate's message; a write that fills the fields and moves the stage at once passes; a refused write
 * changes nothing; the bulk create and the import are held to the same gate.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class StageGateComponentTest {
  static String deal;
  static String Deal;

  @BeforeEach
  void setUp() {
    if (deal != null) {
      return;
    }
    deal = Gql.unique("gdeal");
    Deal = Character.toUpperCase(deal.charAt(0)) + deal.substring(1);
    Map<String, Object> stage = field("stage", "stage", "default", "lead", "options", List.of(
        option("lead", "线索", "Lead"), option("proposal", "方案", "Proposal"), option("won", "赢单", "Won")));
    Map<String, Object> gates = new LinkedHashMap<>();
    gates.put("proposal", Map.of("requiredFields", List.of("amount", "customer")));
    gates.put("won", Map.of("condition", "amount > 1000", "message", label("金额须超过 1000", "The amount must exceed 1000"),
        "requiredFields", List.of("amount")));
    stage.put("gates", gates);
    Map<String, Object> amount = field("amount", "money");
    amount.put("label", label("金额", "Amount"));
    Map<String, Object> customer = field("customer", "text", "max", 20);
    customer.put("label", label("客户", "Customer"));
    Gql.publish(entity(deal, field("name", "text"), amount, customer, stage));
  }

  static Map<String, Object> option(String value, String zh, String en) {
    return Map.of("value", value, "label", label(zh, en));
  }

  static String create(String fields) {
    return Gql.ok("mutation { create" + Deal + "(input: {" + fields + "}) { id } }").getString("data.create" + Deal + ".id");
  }

  static JsonPath update(String locale, String id, String patch) {
    return Gql.post(null, locale, "mutation { update" + Deal + "(id: \"" + id + "\", version: " + version(id) + ", patch: {"
        + patch + "}) { id stage amount customer version } }", Map.of());
  }

  static int version(String id) {
    return Gql.ok("{ " + deal + "(id: \"" + id + "\") { version } }").getInt("data." + deal + ".version");
  }

  static Map<String, Object> stored(String id) {
    return Gql.ok("{ " + deal + "(id: \"" + id + "\") { stage amount customer version } }").getMap("data." + deal);
  }

  @Test
  void missingRequiredFieldsAreEachNamedInTheCallersLanguage() {
    String id = create("name: \"缺字段\"");
    JsonPath en = update("en", id, "stage: \"proposal\"");
    assertEquals("STAGE_GATE", en.getString("errors[0].extensions.code"), en.prettify());
    assertEquals(List.of("amount", "customer"), en.getList("errors[0].extensions.problems.field"));
    assertEquals(List.of("STAGE_GATE_FIELD", "STAGE_GATE_FIELD"), en.getList("errors[0].extensions.problems.code"));
    assertEquals("Amount (amount) is needed to enter the stage Proposal (proposal)",
        en.getString("errors[0].extensions.problems[0].message"));
    assertTrue(en.getString("errors[0].message").contains("Customer (customer) is needed"), en.prettify());
    JsonPath zh = update("zh-CN", id, "stage: \"proposal\"");
    assertEquals("进入“方案”阶段前须填写“金额”", zh.getString("errors[0].extensions.problems[0].message"));
    assertEquals("进入“方案”阶段前须填写“客户”", zh.getString("errors[0].extensions.problems[1].message"));
  }

  @Test
  void aFalseConditionSaysTheGatesMessage() {
    String id = create("name: \"小单\", amount: 500, customer: \"甲\", stage: \"proposal\"");
    JsonPath en = update("en", id, "stage: \"won\"");
    assertEquals("STAGE_GATE", en.getString("errors[0].extensions.code"), en.prettify());
    assertEquals(List.of("stage"), en.getList("errors[0].extensions.problems.field"));
    assertEquals("The amount must exceed 1000 (to enter the stage Won (won))", en.getString("errors[0].message"));
    JsonPath zh = update("zh-CN", id, "stage: \"won\"");
    assertEquals("金额须超过 1000（进入“赢单”阶段的条件）", zh.getString("errors[0].message"));
  }

  @Test
  void aWriteThatFillsTheFieldsAndMovesTheStageAtOncePasses() {
    String id = create("name: \"一次到位\"");
    JsonPath moved = update("en", id, "amount: 2000, customer: \"乙\", stage: \"proposal\"");
    assertNull(moved.get("errors"), moved.prettify());
    assertEquals("proposal", moved.getString("data.update" + Deal + ".stage"));
    assertNull(update("en", id, "stage: \"won\"").get("errors"));
    assertEquals("won", stored(id).get("stage"));
  }

  @Test
  void aRefusedWriteChangesNothing() {
    String id = create("name: \"不变\", customer: \"丙\"");
    Map<String, Object> before = stored(id);
    JsonPath refused = update("en", id, "amount: 0, stage: \"proposal\", customer: \"\"");
    assertEquals("STAGE_GATE", refused.getString("errors[0].extensions.code"), refused.prettify());
    assertEquals(List.of("customer"), refused.getList("errors[0].extensions.problems.field"));
    assertEquals(before, stored(id));
  }

  @Test
  void otherProblemsAreReportedTogetherWithTheGates() {
    String id = create("name: \"一起\"");
    JsonPath both = update("en", id, "stage: \"won\", customer: \"一个名字长得超过二十个字的客户有限公司北京分公司\"");
    assertEquals("VALIDATION_FAILED", both.getString("errors[0].extensions.code"), both.prettify());
    assertEquals(List.of("customer", "amount", "stage"), both.getList("errors[0].extensions.problems.field"), both.prettify());
  }

  @Test
  void bulkCreateAndImportMeetTheSameGate() {
    JsonPath bulk = Gql.post("mutation { create" + Deal + "s(inputs: [{name: \"好\", amount: 5000, stage: \"won\"},"
        + " {name: \"坏\", stage: \"won\"}]) { id } }");
    assertEquals("STAGE_GATE", bulk.getString("errors[0].extensions.code"), bulk.prettify());
    assertEquals(0, Gql.ok("{ " + deal + "s(filter: {name: {eq: \"好\"}}) { totalCount } }").getInt("data." + deal
        + "s.totalCount"), "all or nothing");
    JsonPath imported = Gql.ok("mutation { import" + Deal + "s(inputs: [{name: \"导入好\", amount: 5000, stage: \"won\"},"
        + " {name: \"导入坏\", amount: 10, stage: \"won\"}]) { created failed rows { row status problems { path code } } } }");
    assertEquals(1, imported.getInt("data.import" + Deal + "s.created"));
    assertEquals(1, imported.getInt("data.import" + Deal + "s.failed"));
    assertEquals("STAGE_GATE_CONDITION", imported.getString("data.import" + Deal + "s.rows[1].problems[0].code"));
  }
}
