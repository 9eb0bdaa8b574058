package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.StageGate;
import dev.tessera.metamodel.validation.FlowValidatorTest.Op;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The publish checks of stage gates (ADR 0053), table-driven: the valid set
 * ({@code StageGateChecksTest.valid.json}: $[0] deal with gated stages, $[1] contractApproval, $[2] kickoff,
 * $[3] onCreate (record trigger), $[4] lead, $[5] leadTask (manual on lead)) passes; each case breaks one
 * thing and gives exactly the listed problems (code and path), worded in zh-CN and en.
 */
class StageGateChecksTest {
  private static final String STAGE = "/0/fields/6";
  private static final String GATES = STAGE + "/gates";

  static Stream<Arguments> cases() {
    return Stream.of(
        broken("a gate on a value that is not an option", List.of("INVALID_OPTIONS@$[0].fields[6].gates.signed"),
            FlowValidatorTest.set(GATES + "/signed", "{\"requiredFields\": [\"amount\"]}")),
        broken("a required field the entity does not have", List.of("INVALID_OPTION@$[0].fields[6].gates.won.requiredFields[0]"),
            FlowValidatorTest.set(GATES + "/won/requiredFields", "[\"amout\"]")),
        broken("a computed field required", List.of("INVALID_OPTION@$[0].fields[6].gates.won.requiredFields[0]"),
            FlowValidatorTest.set(GATES + "/won/requiredFields", "[\"grade\"]")),
        broken("the stage field required by its own gate", List.of("INVALID_OPTION@$[0].fields[6].gates.won.requiredFields[0]"),
            FlowValidatorTest.set(GATES + "/won/requiredFields", "[\"stage\"]")),
        broken("a field required twice", List.of("DUPLICATE@$[0].fields[6].gates.won.requiredFields[1]"),
            FlowValidatorTest.set(GATES + "/won/requiredFields", "[\"amount\", \"amount\"]")),
        broken("a condition that does not compile", List.of("INVALID_EXPRESSION@$[0].fields[6].gates.contract.condition"),
            FlowValidatorTest.set(GATES + "/contract/condition", "\"amount > 0 && !isBlank(custmer)\"")),
        broken("a condition that is not true/false", List.of("INVALID_EXPRESSION@$[0].fields[6].gates.contract.condition"),
            FlowValidatorTest.set(GATES + "/contract/condition", "\"amount\"")),
        broken("a message without condition", List.of("INVALID_OPTION@$[0].fields[6].gates.won.message"),
            FlowValidatorTest.set(GATES + "/won/message", "{\"zh-CN\": \"需要金额\", \"en\": \"An amount is needed\"}")),
        approval("an approval flow that does not exist", "UNKNOWN_TARGET", "contractApprovl"),
        approval("an approval flow on another entity", "INVALID_OPTION", "leadTask"),
        approval("an approval flow without approval node", "INVALID_OPTION", "kickoff"),
        approval("an approval flow that is not manual", "INVALID_OPTION", "onCreate"),
        broken("a disabled approval flow", List.of("INVALID_OPTION@$[0].fields[6].gates.contract.approval"),
            FlowValidatorTest.set("/1/enabled", "false")),
        onEnter("an onEnter flow that does not exist", "UNKNOWN_TARGET", "kickof"),
        onEnter("an onEnter flow on another entity", "INVALID_OPTION", "leadTask"),
        onEnter("an onEnter flow with a record trigger", "INVALID_OPTION", "onCreate"),
        broken("a default stage that needs an approval", List.of("INVALID_OPTION@$[0].fields[6].default"),
            FlowValidatorTest.set(STAGE + "/default", "\"contract\"")),
        broken("gates on a picklist", List.of("INVALID_OPTION@$[0].fields[5].gates"),
            FlowValidatorTest.set("/0/fields/5/gates", "{\"new\": {\"requiredFields\": [\"amount\"]}}")),
        broken("a property a gate does not have", List.of("UNKNOWN_PROPERTY@$[0].fields[6].gates.won.required"),
            FlowValidatorTest.set(GATES + "/won/required", "[\"amount\"]")));
  }

  /** The contract gate's approval names {@code flow}; one problem with {@code code} at the approval. */
  static Arguments approval(String what, String code, String flow) {
    return broken(what, List.of(code + "@$[0].fields[6].gates.contract.approval"),
        FlowValidatorTest.set(GATES + "/contract/approval", "\"" + flow + "\""));
  }

  /** The proposal gate's onEnter names {@code flow}; one problem with {@code code} at it. */
  static Arguments onEnter(String what, String code, String flow) {
    return broken(what, List.of(code + "@$[0].fields[6].gates.proposal.onEnter[0]"),
        FlowValidatorTest.set(GATES + "/proposal/onEnter", "[\"" + flow + "\"]"));
  }

  static Arguments broken(String what, List<String> expected, Op... ops) {
    return Arguments.of(what, List.of(ops), expected);
  }

  @Test
  void theValidSetIsAccepted() throws Exception {
    assertEquals(List.of(), new MetadataValidator().validate(valid()));
  }

  @Test
  void gatesAreReadInTheOrderWritten() throws Exception {
    FieldDefinition stage = MetamodelJson.readEntity(valid().get(0)).field("stage").orElseThrow();
    assertEquals(List.of("proposal", "contract", "won"), List.copyOf(stage.gates().keySet()));
    StageGate contract = stage.gate("contract");
    assertEquals("amount > 0 && !isBlank(customer)", contract.condition());
    assertEquals(List.of("amount", "signedAt"), contract.requiredFields());
    assertEquals("contractApproval", contract.approval());
    assertEquals(List.of("kickoff"), contract.onEnter());
    assertEquals("金额必须大于 0 且已选客户", contract.message().get("zh-CN"));
    assertEquals(null, stage.gate("lead"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachBrokenGateGivesItsProblems(String what, List<Op> ops, List<String> expected) throws Exception {
    List<Problem> problems = problems(ops);
    assertEquals(expected, problems.stream().map(p -> p.code() + "@" + p.path()).sorted().toList(), problems.toString());
    for (Problem p : problems) {
      assertTrue(p.message("zh-CN").codePoints().anyMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), p.message("zh-CN"));
      assertNotEquals(p.message("zh-CN"), p.message("en"));
    }
  }

  @Test
  void messagesNameWhatIsWrong() throws Exception {
    Problem unknown = problems(List.of(FlowValidatorTest.set(GATES + "/won/requiredFields", "[\"amout\"]"))).get(0);
    assertEquals("进入阶段“won”的必填字段“amout”不是“deal”的字段", unknown.message("zh-CN"));
    assertEquals("Entering \"won\" requires \"amout\", which is not a field of deal", unknown.message("en"));
    Problem noApproval = problems(List.of(FlowValidatorTest.set(GATES + "/contract/approval", "\"kickoff\""))).get(0);
    assertEquals("The flow \"kickoff\" has no approval node, so it cannot approve entering \"contract\"",
        noApproval.message("en"));
    Problem condition = problems(List.of(FlowValidatorTest.set(GATES + "/contract/condition",
        "\"amount > 0 && !isBlank(custmer)\""))).get(0);
    assertEquals(1, condition.line());
    assertEquals(24, condition.column());
  }

  private static List<Problem> problems(List<Op> ops) throws Exception {
    return FlowValidatorTest.problems(valid(), ops);
  }

  static List<JsonNode> valid() throws Exception {
    return FlowValidatorTest.fixture("StageGateChecksTest.valid.json");
  }
}
