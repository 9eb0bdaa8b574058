package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic checks of flows, table-driven: a valid set ({@code FlowValidatorTest.valid.json}: every
 * node and several trigger types, message templates, a calendar, sub-flows) passes; each case breaks one
 * thing and must give exactly the listed problems (code and path), each worded in zh-CN and en. The
 * definitions: $[0] lead, $[1] followUp, $[2]/$[3] assignment rules, $[4]/$[5] message templates,
 * $[6] calendar, $[7] followUpTask (manual sub-flow), $[8] rich (every node), $[9] nightly (schedule
 * without entity), $[10] triggers, $[11] contract, $[12] role finance, $[13] contractApproval (approval
 * nodes: each mode, each approver type, each time-limit action, a rejected branch).
 */
class FlowValidatorTest {
  private static final String RICH = "/8";
  private static final String NODES = RICH + "/nodes";
  private static final String EDGES = RICH + "/edges";
  private static final String APPROVALS = "/13/nodes";

  /** One change to the valid set: set (or, with a null value, remove) the value at a JSON pointer (an item of an array: replace it), or append to an array. */
  record Op(String pointer, String json, boolean append) {
    void apply(ArrayNode root) throws Exception {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode parent = root.at(p.head());
      String key = p.last().getMatchingProperty();
      if (append) {
        ((ArrayNode) root.at(p)).add(FlowValidatorTest.json(json));
      } else if (parent instanceof ArrayNode items) {
        items.set(p.last().getMatchingIndex(), FlowValidatorTest.json(json));
      } else if (json == null) {
        ((ObjectNode) parent).remove(key);
      } else {
        ((ObjectNode) parent).set(key, FlowValidatorTest.json(json));
      }
    }
  }

  static Op set(String pointer, String json) {
    return new Op(pointer, json, false);
  }

  static Op remove(String pointer) {
    return new Op(pointer, null, false);
  }

  static Op add(String arrayPointer, String json) {
    return new Op(arrayPointer, json, true);
  }

  static Arguments broken(String what, List<String> expected, Op... ops) {
    return Arguments.of(what, List.of(ops), expected);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        broken("a node named trigger", List.of("RESERVED_NAME@$[8].nodes[15].id"),
            add(NODES, "{\"id\": \"trigger\", \"type\": \"end\"}")),
        broken("two nodes with one id", List.of("DUPLICATE@$[8].nodes[15].id"), add(NODES, "{\"id\": \"done\", \"type\": \"end\"}")),
        broken("an edge from an unknown node", List.of("UNKNOWN_TARGET@$[8].edges[19].from"),
            add(EDGES, "{\"from\": \"ghost\", \"to\": \"done\"}")),
        broken("an edge to an unknown node", List.of("UNKNOWN_TARGET@$[8].edges[19].to"),
            add(EDGES, "{\"from\": \"sub\", \"to\": \"dne\"}")),
        broken("an edge back to the trigger", List.of("INVALID_OPTION@$[8].edges[19].to"),
            add(EDGES, "{\"from\": \"sub\", \"to\": \"trigger\"}")),
        broken("a branch the node does not have", List.of("INVALID_OPTION@$[8].edges[19].branch"),
            add(EDGES, "{\"from\": \"ab\", \"to\": \"done\", \"branch\": \"c\"}")),
        broken("a condition's edge without branch", List.of("REQUIRED@$[8].edges[19].branch"),
            add(EDGES, "{\"from\": \"check\", \"to\": \"done\"}")),
        broken("an edge after an end node", List.of("INVALID_OPTION@$[8].edges[19].from"),
            add(EDGES, "{\"from\": \"done\", \"to\": \"hook\"}")),
        broken("two edges on one branch", List.of("DUPLICATE@$[8].edges[19].branch"),
            add(EDGES, "{\"from\": \"check\", \"to\": \"done\", \"branch\": \"else\"}")),
        broken("the same default edge twice", List.of("DUPLICATE@$[8].edges[19]"), add(EDGES, "{\"from\": \"sub\", \"to\": \"done\"}")),
        broken("a node nothing leads to", List.of("INVALID_OPTION@$[8].nodes[15]"), add(NODES, "{\"id\": \"lonely\", \"type\": \"end\"}")),
        broken("a loop", List.of("CONFLICT@$[8].nodes[0]"), add(EDGES, "{\"from\": \"pause\", \"to\": \"score\"}")),
        broken("onError names no node", List.of("UNKNOWN_TARGET@$[8].nodes[10].onError"), set(NODES + "/10/onError", "\"nobody\"")),
        broken("onError names the node itself", List.of("INVALID_OPTION@$[8].nodes[10].onError"), set(NODES + "/10/onError", "\"hook\"")),
        broken("onError and an error edge", List.of("CONFLICT@$[8].nodes[10].onError"), set(NODES + "/10/onError", "\"done\""),
            add(EDGES, "{\"from\": \"hook\", \"to\": \"done\", \"branch\": \"error\"}")),
        broken("nothing starts", List.of("REQUIRED@$[7].edges", "INVALID_OPTION@$[7].nodes[0]"), set("/7/edges", "[]")),
        broken("an approval node with only its type", List.of("REQUIRED@$[8].nodes[15].title", "REQUIRED@$[8].nodes[15].approvers"),
            add(NODES, "{\"id\": \"approve\", \"type\": \"approval\"}"),
            add(EDGES, "{\"from\": \"sub\", \"to\": \"approve\"}")),
        broken("a condition on an unknown field", List.of("INVALID_EXPRESSION@$[8].nodes[1].branches[0].condition"),
            set(NODES + "/1/branches/0/condition", "\"sorce == 'douyin'\"")),
        broken("a condition that is not true/false", List.of("INVALID_EXPRESSION@$[8].nodes[1].branches[0].condition"),
            set(NODES + "/1/branches/0/condition", "\"name\"")),
        broken("an enrollment condition on an unknown field", List.of("INVALID_EXPRESSION@$[8].trigger.condition"),
            set(RICH + "/trigger/condition", "\"sauce == 'x'\"")),
        broken("a goal that is not true/false", List.of("INVALID_EXPRESSION@$[8].goal"), set(RICH + "/goal", "\"name\"")),
        broken("a trigger on an unknown entity", List.of("UNKNOWN_TARGET@$[7].trigger.entity",
            "INVALID_OPTION@$[8].nodes[12].flow", "INVALID_OPTION@$[8].nodes[13].flow"),
            set("/7/trigger/entity", "\"folowUp\"")),
        broken("setting an unknown field", List.of("INVALID_OPTION@$[8].nodes[3].set.statuss"),
            set(NODES + "/3/set/statuss", "\"'new'\"")),
        broken("setting a formula", List.of("INVALID_OPTION@$[8].nodes[3].set.level"), set(NODES + "/3/set/level", "\"'x'\"")),
        broken("setting a value of the wrong type", List.of("INVALID_EXPRESSION@$[8].nodes[3].set.birthday"),
            set(NODES + "/3/set/birthday", "\"'x'\"")),
        broken("setting a picklist to a value it does not offer", List.of("INVALID_OPTION@$[8].nodes[3].set.status"),
            set(NODES + "/3/set/status", "\"'wating'\"")),
        broken("creating a record without a required field", List.of("REQUIRED@$[8].nodes[4].set"), remove(NODES + "/4/set/note")),
        broken("creating a record of an unknown entity", List.of("UNKNOWN_TARGET@$[8].nodes[4].entity"),
            set(NODES + "/4/entity", "\"folowUp\"")),
        broken("an unknown assignment rule", List.of("UNKNOWN_TARGET@$[8].nodes[5].rule"), set(NODES + "/5/rule", "\"leadRoute\"")),
        broken("an assignment rule of another entity", List.of("INVALID_OPTION@$[8].nodes[5].rule"),
            set(NODES + "/5/rule", "\"followUpRouting\"")),
        broken("a username that cannot be one", List.of("INVALID_VALUE@$[8].nodes[6].assignee.username"),
            set(NODES + "/6/assignee/username", "\"张 三\"")),
        broken("a title naming an unknown field", List.of("INVALID_EXPRESSION@$[8].nodes[6].title.en"),
            set(NODES + "/6/title/en", "\"Call {{nme}}\"")),
        broken("a title with an unclosed placeholder", List.of("INVALID_EXPRESSION@$[8].nodes[6].title['zh-CN']"),
            set(NODES + "/6/title/zh-CN", "\"联系 {{name\"")),
        broken("a title naming an unknown field of the owner", List.of("INVALID_EXPRESSION@$[8].nodes[6].title.en"),
            set(NODES + "/6/title/en", "\"Call {{owner.nme}}\"")),
        broken("a task timeout without waiting", List.of("INVALID_OPTION@$[8].nodes[6].timeout"), set(NODES + "/6/wait", "false")),
        broken("a due date given twice", List.of("INVALID_OPTION@$[8].nodes[6].due"), set(NODES + "/6/due", "\"now()\"")),
        broken("an unknown calendar", List.of("UNKNOWN_TARGET@$[8].nodes[6].calendar"), set(NODES + "/6/calendar", "\"workwek\"")),
        broken("an unknown message template", List.of("UNKNOWN_TARGET@$[8].nodes[7].template"), set(NODES + "/7/template", "\"welcom\"")),
        broken("a template and a message", List.of("INVALID_OPTION@$[8].nodes[7]"),
            set(NODES + "/7/message", "{\"body\": {\"zh-CN\": \"你好\", \"en\": \"Hi\"}}")),
        broken("a template for another channel", List.of("INVALID_OPTION@$[8].nodes[7].template"), set(NODES + "/7/channel", "\"wecom\"")),
        broken("a template of another entity", List.of("INVALID_OPTION@$[8].nodes[7].template"),
            set(NODES + "/7/template", "\"followUpNote\"")),
        broken("a template naming a variable the flow does not set", List.of("INVALID_EXPRESSION@$[8].nodes[7].template"),
            set("/4/body/en", "\"Hello {{vars.scor}}\"")),
        broken("an SMS to a field that is not a phone", List.of("INVALID_OPTION@$[8].nodes[7].to.field"),
            set(NODES + "/7/to/field", "\"email\"")),
        broken("a message naming an unknown variable", List.of("INVALID_EXPRESSION@$[8].nodes[11].message.body.en"),
            set(NODES + "/11/message/body/en", "\"{{vars.nope}}\"")),
        broken("a wait for two things", List.of("INVALID_OPTION@$[8].nodes[8]"), set(NODES + "/8/until", "\"now()\"")),
        broken("a condition wait without timeout", List.of("REQUIRED@$[8].nodes[9].timeout"), remove(NODES + "/9/timeout")),
        broken("a wait longer than 366 days", List.of("INVALID_VALUE@$[8].nodes[8].duration"), set(NODES + "/8/duration", "\"P400D\"")),
        broken("a duration that is not ISO", List.of("INVALID_VALUE@$[8].nodes[8].duration"), set(NODES + "/8/duration", "\"2 days\"")),
        broken("a zero duration", List.of("INVALID_VALUE@$[8].nodes[8].duration"), set(NODES + "/8/duration", "\"PT0S\"")),
        broken("a timeout on a plain wait", List.of("INVALID_OPTION@$[8].nodes[8].timeout"), set(NODES + "/8/timeout", "\"P1D\"")),
        broken("a retry backoff that is not ISO", List.of("INVALID_VALUE@$[8].nodes[3].retry.backoff"),
            set(NODES + "/3/retry/backoff", "\"1 minute\"")),
        broken("for each through a field that is no reference", List.of("INVALID_OPTION@$[8].nodes[12].via"),
            set(NODES + "/12/via", "\"note\"")),
        broken("a sub-flow that does not start manually", List.of("INVALID_OPTION@$[8].nodes[12].flow"),
            set(NODES + "/12/flow", "\"nightly\"")),
        broken("an unknown sub-flow", List.of("UNKNOWN_TARGET@$[8].nodes[13].flow"), set(NODES + "/13/flow", "\"followUpTsk\"")),
        broken("a flow calling itself", List.of("INVALID_OPTION@$[8].nodes[13].flow"), set(NODES + "/13/flow", "\"rich\"")),
        broken("two flows calling each other", List.of("CONFLICT@$[7].nodes[1].flow", "CONFLICT@$[8].nodes[12].flow",
            "CONFLICT@$[8].nodes[13].flow"),
            add("/7/nodes", "{\"id\": \"back\", \"type\": \"callFlow\", \"flow\": \"rich\"}"),
            add("/7/edges", "{\"from\": \"t\", \"to\": \"back\"}")),
        broken("a record variable no create-record node sets", List.of("INVALID_OPTION@$[8].nodes[13].record"),
            set(NODES + "/13/record", "\"score\"")),
        broken("a sub-flow of another entity", List.of("INVALID_OPTION@$[8].nodes[13].flow"), remove(NODES + "/13/record")),
        broken("a stage trigger on a text field", List.of("INVALID_OPTION@$[10].trigger.field"),
            set("/10/trigger", "{\"type\": \"stageChanged\", \"entity\": \"lead\", \"field\": \"name\"}")),
        broken("a stage trigger to a value the picklist does not offer", List.of("INVALID_OPTION@$[10].trigger.to"),
            set("/10/trigger", "{\"type\": \"stageChanged\", \"entity\": \"lead\", \"field\": \"status\", \"to\": \"won\"}")),
        broken("a change of an unknown field, from a value not offered",
            List.of("INVALID_OPTION@$[10].trigger.changes[0].from", "INVALID_OPTION@$[10].trigger.changes[1].field"),
            set("/10/trigger/changes/0/from", "\"old\""), set("/10/trigger/changes/1/field", "\"mobile\"")),
        broken("a relative date on a text field", List.of("INVALID_OPTION@$[10].trigger.field"),
            set("/10/trigger", "{\"type\": \"relativeDate\", \"entity\": \"lead\", \"field\": \"name\", \"offsetDays\": -3}")),
        broken("a cron field out of range", List.of("INVALID_VALUE@$[9].trigger.cron"), set("/9/trigger/cron", "\"61 9 * * *\"")),
        broken("a cron of six fields", List.of("INVALID_VALUE@$[9].trigger.cron"), set("/9/trigger/cron", "\"0 9 * * * *\"")),
        broken("a cron that never fires", List.of("INVALID_VALUE@$[9].trigger.cron"), set("/9/trigger/cron", "\"0 0 30 2 *\"")),
        broken("an unknown time zone", List.of("INVALID_VALUE@$[9].trigger.timezone"), set("/9/trigger/timezone", "\"Mars/Base\"")),
        broken("a schedule filter without entity", List.of("REQUIRED@$[9].trigger.entity"), set("/9/trigger/filter", "\"true\"")),
        broken("a flow without record reading a field", List.of("INVALID_EXPRESSION@$[9].nodes[0].value"),
            set("/9/nodes/0/value", "\"name\"")),
        broken("a flow without record notifying the owner", List.of("INVALID_OPTION@$[9].nodes[2].to"),
            set("/9/nodes/2/to", "{\"type\": \"recordOwner\"}")),
        broken("a run-as username that cannot be one", List.of("INVALID_VALUE@$[8].runAs.username"),
            set(RICH + "/runAs/username", "\"a b\"")),
        broken("a built-in branch name", List.of("RESERVED_NAME@$[8].nodes[1].branches[1].name"),
            add(NODES + "/1/branches", "{\"name\": \"else\", \"condition\": \"true\"}")),
        broken("two branches with one name", List.of("DUPLICATE@$[8].nodes[2].branches[2].name"),
            add(NODES + "/2/branches", "{\"name\": \"a\"}")),
        broken("one variable set as a number and as a webhook answer", List.of("CONFLICT@$[8].nodes[10].output"),
            set(NODES + "/10/output", "\"score\""), set(NODES + "/11/message/body/en", "\"{{vars.score}}\""),
            set(NODES + "/11/message/body/zh-CN", "\"{{vars.score}}\"")),
        broken("an unknown variable", List.of("INVALID_EXPRESSION@$[8].nodes[3].set.note"), set(NODES + "/3/set/note", "\"vars.scor\"")),
        broken("a variable set on another path", List.of("INVALID_EXPRESSION@$[8].nodes[3].set.note"),
            set(NODES + "/3/set/note", "\"text(vars.reply.status)\"")),
        broken("a template on an unknown entity", List.of("UNKNOWN_TARGET@$[5].entity", "INVALID_OPTION@$[8].nodes[7].template"),
            set("/5/entity", "\"folowUp\""), set(NODES + "/7/template", "\"followUpNote\"")),
        broken("a template naming an unknown field", List.of("INVALID_EXPRESSION@$[4].body.en"), set("/4/body/en", "\"Hi {{nam}}\"")));
  }

  /** Approvals (ADR 0050), on the flow $[13] contractApproval: legal (any), board (all), finance (sequential), vote, auto. */
  static Stream<Arguments> approvalCases() {
    return Stream.of(
        broken("an approval nobody decides", List.of("REQUIRED@$[13].nodes[3].approvers"), remove(APPROVALS + "/3/approvers")),
        broken("no approver, sent to the administrator", List.of("REQUIRED@$[13].nodes[4].approvers"),
            set(APPROVALS + "/4/ifNoApprover", "{\"action\": \"admin\"}")),
        broken("no approver, sent to a user without username", List.of("REQUIRED@$[13].nodes[4].ifNoApprover.username"),
            set(APPROVALS + "/4/ifNoApprover", "{\"action\": \"user\"}")),
        broken("a fallback username that is not used", List.of("INVALID_OPTION@$[13].nodes[4].ifNoApprover.username"),
            set(APPROVALS + "/4/ifNoApprover", "{\"action\": \"approve\", \"username\": \"bob\"}")),
        broken("a fallback action that does not exist", List.of("INVALID_VALUE@$[13].nodes[4].ifNoApprover.action"),
            set(APPROVALS + "/4/ifNoApprover", "{\"action\": \"skip\"}")),
        broken("a vote without pass ratio", List.of("REQUIRED@$[13].nodes[3].passRatio"), remove(APPROVALS + "/3/passRatio")),
        broken("a pass ratio without a vote", List.of("INVALID_OPTION@$[13].nodes[2].passRatio"), set(APPROVALS + "/2/passRatio", "0.5")),
        broken("a pass ratio above one", List.of("INVALID_VALUE@$[13].nodes[3].passRatio"), set(APPROVALS + "/3/passRatio", "1.5")),
        broken("a pass ratio of zero", List.of("INVALID_VALUE@$[13].nodes[3].passRatio"), set(APPROVALS + "/3/passRatio", "0")),
        broken("a mode that does not exist", List.of("INVALID_VALUE@$[13].nodes[0].mode"), set(APPROVALS + "/0/mode", "\"majority\"")),
        broken("an unknown role", List.of("UNKNOWN_TARGET@$[13].nodes[2].approvers[0].role"),
            set(APPROVALS + "/2/approvers/0/role", "\"finanse\"")),
        broken("an approver's username that cannot be one", List.of("INVALID_VALUE@$[13].nodes[2].approvers[1].username"),
            set(APPROVALS + "/2/approvers/1/username", "\"a b\"")),
        broken("a reader's username that cannot be one", List.of("INVALID_VALUE@$[13].nodes[0].copyTo[0].username"),
            set(APPROVALS + "/0/copyTo/0/username", "\"张 三\"")),
        broken("an approver field that names no user", List.of("INVALID_OPTION@$[13].nodes[0].approvers[5].field"),
            set(APPROVALS + "/0/approvers/5/field", "\"amount\"")),
        broken("an approver field that does not exist", List.of("INVALID_OPTION@$[13].nodes[0].approvers[5].field"),
            set(APPROVALS + "/0/approvers/5/field", "\"reviewr\"")),
        broken("an approver expression on an unknown field", List.of("INVALID_EXPRESSION@$[13].nodes[0].approvers[6].expression"),
            set(APPROVALS + "/0/approvers/6/expression", "\"amout > 1 ? 'a' : 'b'\"")),
        broken("an approver expression giving a number", List.of("INVALID_EXPRESSION@$[13].nodes[0].approvers[6].expression"),
            set(APPROVALS + "/0/approvers/6/expression", "\"amount\"")),
        broken("managers more than five levels up", List.of("INVALID_VALUE@$[13].nodes[3].approvers[1].levels"),
            set(APPROVALS + "/3/approvers/1/levels", "6")),
        broken("managers zero levels up", List.of("INVALID_VALUE@$[13].nodes[3].approvers[1].levels"),
            set(APPROVALS + "/3/approvers/1/levels", "0")),
        broken("an approver type that does not exist", List.of("INVALID_VALUE@$[13].nodes[2].approvers[1].type"),
            set(APPROVALS + "/2/approvers/1", "{\"type\": \"department\"}")),
        broken("a team approver without team", List.of("REQUIRED@$[13].nodes[2].approvers[1].team"),
            set(APPROVALS + "/2/approvers/1", "{\"type\": \"team\"}")),
        broken("a user approver naming a team too", List.of("UNKNOWN_PROPERTY@$[13].nodes[2].approvers[1].team"),
            set(APPROVALS + "/2/approvers/1/team", "\"legal\"")),
        broken("a time limit longer than 366 days", List.of("INVALID_VALUE@$[13].nodes[2].timeLimit.after"),
            set(APPROVALS + "/2/timeLimit/after", "\"P400D\"")),
        broken("a time limit that is not ISO", List.of("INVALID_VALUE@$[13].nodes[2].timeLimit.after"),
            set(APPROVALS + "/2/timeLimit/after", "\"2 days\"")),
        broken("a time limit without its time", List.of("REQUIRED@$[13].nodes[2].timeLimit.after"), remove(APPROVALS + "/2/timeLimit/after")),
        broken("reminders more often than every ten minutes", List.of("INVALID_VALUE@$[13].nodes[0].timeLimit.remindEvery"),
            set(APPROVALS + "/0/timeLimit/remindEvery", "\"PT5M\"")),
        broken("a reminder interval without reminding", List.of("INVALID_OPTION@$[13].nodes[2].timeLimit.remindEvery"),
            set(APPROVALS + "/2/timeLimit/remindEvery", "\"PT1H\"")),
        broken("an unknown calendar for a time limit", List.of("UNKNOWN_TARGET@$[13].nodes[0].timeLimit.calendar"),
            set(APPROVALS + "/0/timeLimit/calendar", "\"workwek\"")),
        broken("escalating to nobody", List.of("REQUIRED@$[13].nodes[1].timeLimit.escalateTo"),
            remove(APPROVALS + "/1/timeLimit/escalateTo")),
        broken("someone to escalate to without escalating", List.of("INVALID_OPTION@$[13].nodes[2].timeLimit.escalateTo"),
            set(APPROVALS + "/2/timeLimit/escalateTo", "{\"type\": \"recordOwner\"}")),
        broken("escalating to an unknown role", List.of("UNKNOWN_TARGET@$[13].nodes[1].timeLimit.escalateTo.role"),
            set(APPROVALS + "/1/timeLimit/escalateTo", "{\"type\": \"role\", \"role\": \"ceo\"}")),
        broken("a time limit action that does not exist", List.of("INVALID_VALUE@$[13].nodes[2].timeLimit.action"),
            set(APPROVALS + "/2/timeLimit/action", "\"cancel\"")),
        broken("field rights on an unknown field", List.of("INVALID_OPTION@$[13].nodes[0].fields.amout"),
            set(APPROVALS + "/0/fields/amout", "\"read\"")),
        broken("an approver writing a computed field", List.of("INVALID_OPTION@$[13].nodes[0].fields.grade"),
            set(APPROVALS + "/0/fields/grade", "\"write\"")),
        broken("a field right that does not exist", List.of("INVALID_VALUE@$[13].nodes[0].fields.amount"),
            set(APPROVALS + "/0/fields/amount", "\"edit\"")),
        broken("an approval title naming an unknown field", List.of("INVALID_EXPRESSION@$[13].nodes[0].title.en"),
            set(APPROVALS + "/0/title/en", "\"Approve {{nme}}\"")),
        broken("an approval without title", List.of("REQUIRED@$[13].nodes[4].title"), remove(APPROVALS + "/4/title")),
        broken("a task's property on an approval", List.of("UNKNOWN_PROPERTY@$[13].nodes[4].dueInDays"),
            set(APPROVALS + "/4/dueInDays", "3")),
        broken("a branch an approval does not have", List.of("INVALID_OPTION@$[13].edges[9].branch"),
            add("/13/edges", "{\"from\": \"auto\", \"to\": \"rejected\", \"branch\": \"timeout\"}")),
        broken("an approval in a flow without record", List.of("INVALID_OPTION@$[9].nodes[3]"),
            add("/9/nodes", "{\"id\": \"ok\", \"type\": \"approval\", \"title\": {\"zh-CN\": \"审批\", \"en\": \"Approval\"}, "
                + "\"approvers\": [{\"type\": \"user\", \"username\": \"lisi\"}]}"),
            add("/9/edges", "{\"from\": \"tell\", \"to\": \"ok\"}")));
  }

  @Test
  void theValidSetIsAccepted() throws Exception {
    assertEquals(List.of(), new MetadataValidator().validate(valid()));
  }

  @Test
  void theIssuesMinimalFlowIsAccepted() throws Exception {
    assertEquals(List.of(), new MetadataValidator().validate(FlowSchemaTest.minimalSet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"cases", "approvalCases"})
  void eachBrokenFlowGivesItsProblems(String what, List<Op> ops, List<String> expected) throws Exception {
    ArrayNode set = MetamodelJson.mapper().createArrayNode();
    valid().forEach(set::add);
    for (Op op : ops) {
      op.apply(set);
    }
    List<JsonNode> defs = new ArrayList<>();
    set.forEach(defs::add);
    List<Problem> problems = new MetadataValidator().validate(defs);
    assertEquals(expected.stream().sorted().toList(), problems.stream().map(p -> p.code() + "@" + p.path()).sorted().toList(),
        problems.toString());
    for (Problem p : problems) {
      String zh = p.message("zh-CN");
      String en = p.message("en");
      assertTrue(zh.codePoints().anyMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), zh);
      assertTrue(!en.isBlank() && en.codePoints().noneMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff) || en.contains("张"), en);
      assertNotEquals(zh, en);
    }
  }

  @Test
  void messagesSayWhatIsWrongInBothLanguages() throws Exception {
    Problem vote = problems(remove(APPROVALS + "/3/passRatio")).get(0);
    assertEquals("票签须设置通过比例（passRatio），例如 0.6 表示 60% 的审批人同意即通过", vote.message("zh-CN"));
    assertEquals("A vote needs a pass ratio (passRatio), e.g. 0.6: approved once 60% of the approvers approve", vote.message("en"));
    Problem role = problems(set(APPROVALS + "/2/approvers/0/role", "\"finanse\"")).get(0);
    assertEquals("There is no role \"finanse\"; did you mean \"finance\"?", role.message("en"));
    Problem branch = problems(add(EDGES, "{\"from\": \"ab\", \"to\": \"done\", \"branch\": \"c\"}")).get(0);
    assertEquals("节点“ab”没有分支“c”，可用的分支有：a、b、error", branch.message("zh-CN"));
    assertEquals("The node \"ab\" has no branch \"c\"; its branches are: a, b, error", branch.message("en"));
    Problem title = problems(set(NODES + "/6/title/en", "\"Call {{nme}}\"")).get(0);
    assertTrue(title.message("en").startsWith("(en) line 1, column 6: The placeholder \"{{nme}}\" cannot be filled in"),
        title.message("en"));
    assertTrue(title.message("en").contains("did you mean \"name\""), title.message("en"));
    Problem loop = problems(add(EDGES, "{\"from\": \"pause\", \"to\": \"score\"}")).get(0);
    assertTrue(loop.message("en").contains("score → check → ab → mark → route → task → sms → pause → score"), loop.message("en"));
  }

  @Test
  void usersAreCheckedAgainstTheDirectoryWhenThePublisherGivesOne() throws Exception {
    Directory directory = Directory.of(Set.of("zhangsan", "alice", "bob", "carol"), Set.of("legal", "sales"));
    List<String> found = new MetadataValidator().validate(valid(), directory).stream().map(p -> p.code() + "@" + p.path()).toList();
    assertEquals(List.of("UNKNOWN_TARGET@$[9].nodes[2].to.username"), found);
  }

  @Test
  void approversAndReadersAreCheckedAgainstTheDirectory() throws Exception {
    Directory directory = Directory.of(Set.of("zhangsan", "alice", "lisi"), Set.of("legal"));
    List<Problem> problems = new MetadataValidator().validate(valid(), directory);
    assertEquals(List.of("UNKNOWN_TARGET@$[13].nodes[0].ifNoApprover.username", "UNKNOWN_TARGET@$[13].nodes[0].copyTo[0].username",
        "UNKNOWN_TARGET@$[13].nodes[3].approvers[0].team"), problems.stream().map(p -> p.code() + "@" + p.path()).toList());
    assertEquals("团队“sales”不存在", problems.get(2).message("zh-CN"));
    assertEquals("There is no team \"sales\"", problems.get(2).message("en"));
  }

  private static List<Problem> problems(Op... ops) throws Exception {
    return problems(valid(), List.of(ops));
  }

  /** The problems of {@code definitions} after {@code ops}. */
  static List<Problem> problems(List<JsonNode> definitions, List<Op> ops) throws Exception {
    ArrayNode set = MetamodelJson.mapper().createArrayNode();
    definitions.forEach(set::add);
    for (Op op : ops) {
      op.apply(set);
    }
    List<JsonNode> defs = new ArrayList<>();
    set.forEach(defs::add);
    return new MetadataValidator().validate(defs);
  }

  static List<JsonNode> valid() throws Exception {
    return fixture("FlowValidatorTest.valid.json");
  }

  /** The definitions of a fixture next to the tests. */
  static List<JsonNode> fixture(String name) throws Exception {
    try (InputStream in = FlowValidatorTest.class.getResourceAsStream(name)) {
      List<JsonNode> out = new ArrayList<>();
      MetamodelJson.mapper().readTree(in).forEach(d -> out.add(d.deepCopy()));
      return out;
    }
  }

  private static JsonNode json(String s) throws Exception {
    return MetamodelJson.mapper().readTree(s);
  }
}
