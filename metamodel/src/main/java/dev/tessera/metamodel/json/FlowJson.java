package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowDefinition.Limits;
import dev.tessera.metamodel.model.FlowDefinition.Reenrollment;
import dev.tessera.metamodel.model.FlowDefinition.RunAs;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowNode.ApprovalMode;
import dev.tessera.metamodel.model.FlowNode.Approver;
import dev.tessera.metamodel.model.FlowNode.ApproverType;
import dev.tessera.metamodel.model.FlowNode.Common;
import dev.tessera.metamodel.model.FlowNode.NoApprover;
import dev.tessera.metamodel.model.FlowNode.Recipient;
import dev.tessera.metamodel.model.FlowNode.RecipientType;
import dev.tessera.metamodel.model.FlowNode.Retry;
import dev.tessera.metamodel.model.FlowNode.TimeLimit;
import dev.tessera.metamodel.model.FlowTrigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader of {@code flow} definitions. Like the other readers it never fails: what it cannot read
 * becomes null, an unknown trigger or node type becomes {@code Unknown}, and the validator reports it
 * (an approver of an unknown type keeps a null type; the schema reports it).
 * The defaults of {@code flow.schema.json} are applied here and by the records. An edge from a wait
 * written with the branch {@code met} is read as the wait's default edge, which is what "met" means.
 */
public final class FlowJson {
  private FlowJson() {}

  public static FlowDefinition flow(JsonNode n) {
    Integer max = integer(n.path("limits"), "maxStartsPerMinute");
    List<FlowNode> nodes = list(n.path("nodes"), FlowJson::node);
    Map<String, FlowNode> byId = new LinkedHashMap<>();
    nodes.forEach(x -> byId.putIfAbsent(x.id(), x));
    List<FlowEdge> edges = list(n.path("edges"), e -> edge(e, byId));
    return new FlowDefinition(text(n, "id"), text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), RuleJson.bool(n, "enabled", true), runAs(n.get("runAs")),
        trigger(n.get("trigger")), n.has("reenrollment") ? Reenrollment.fromJson(text(n, "reenrollment")).orElse(null) : null,
        text(n, "goal"), max == null ? null : new Limits(max), nodes, edges);
  }

  private static RunAs runAs(JsonNode r) {
    if (r == null || !r.isObject()) {
      return null;
    }
    return "user".equals(text(r, "type")) ? new RunAs(RunAs.Type.USER, text(r, "username")) : RunAs.SYSTEM;
  }

  private static FlowEdge edge(JsonNode e, Map<String, FlowNode> nodes) {
    String from = text(e, "from");
    String branch = text(e, "branch");
    if ("met".equals(branch) && nodes.get(from) instanceof FlowNode.Wait w && w.condition() != null) {
      branch = null;
    }
    return new FlowEdge(from, text(e, "to"), branch);
  }

  /** The trigger; null when absent or not an object. */
  static FlowTrigger trigger(JsonNode t) {
    if (t == null || !t.isObject()) {
      return null;
    }
    String type = text(t, "type");
    String entity = text(t, "entity");
    String condition = text(t, "condition");
    return switch (type == null ? "" : type) {
      case "recordCreated" -> new FlowTrigger.RecordCreated(entity, condition);
      case "recordUpdated" -> new FlowTrigger.RecordUpdated(entity, condition, list(t.path("changes"),
          c -> new FlowTrigger.Change(text(c, "field"), scalar(c.get("from")), scalar(c.get("to")))));
      case "recordDeleted" -> new FlowTrigger.RecordDeleted(entity, condition);
      case "stageChanged" -> new FlowTrigger.StageChanged(entity, condition, text(t, "field"), scalar(t.get("from")),
          scalar(t.get("to")));
      case "ownerChanged" -> new FlowTrigger.OwnerChanged(entity, condition, RuleJson.texts(t.path("via")));
      case "schedule" -> new FlowTrigger.Schedule(text(t, "cron"), text(t, "timezone"), entity, text(t, "filter"));
      case "relativeDate" -> {
        Integer offset = integer(t, "offsetDays");
        yield new FlowTrigger.RelativeDate(entity, condition, text(t, "field"), offset == null ? 0 : offset,
            text(t, "at"), RuleJson.bool(t, "annual", false), text(t, "timezone"));
      }
      case "webhook" -> new FlowTrigger.Webhook(text(t, "webhook"), entity, condition);
      case "manual" -> new FlowTrigger.Manual(entity, condition);
      default -> new FlowTrigger.Unknown(type);
    };
  }

  static FlowNode node(JsonNode n) {
    Common c = new Common(text(n, "id"), MetamodelJson.label(n.get("label")), retry(n.get("retry")), text(n, "onError"));
    String type = text(n, "type");
    return switch (type == null ? "" : type) {
      case "condition" -> new FlowNode.Condition(c, list(n.path("branches"),
          b -> new FlowNode.Branch(text(b, "name"), text(b, "condition"))));
      case "split" -> new FlowNode.Split(c, list(n.path("branches"), b -> {
        Integer w = integer(b, "weight");
        return new FlowNode.WeightedBranch(text(b, "name"), w == null ? 1 : w);
      }));
      case "updateRecord" -> new FlowNode.UpdateRecord(c, texts(n.path("set")), text(n, "record"));
      case "createRecord" -> new FlowNode.CreateRecord(c, text(n, "entity"), texts(n.path("set")), text(n, "output"));
      case "assign" -> new FlowNode.Assign(c, text(n, "rule"));
      case "createTask" -> new FlowNode.CreateTask(c, MetamodelJson.label(n.get("title")),
          MetamodelJson.label(n.get("description")), recipient(n.get("assignee")), integer(n, "dueInDays"), text(n, "due"),
          text(n, "priority"), RuleJson.bool(n, "wait", false), text(n, "timeout"), text(n, "calendar"));
      case "notify" -> {
        JsonNode m = n.get("message");
        FlowNode.Message message = m != null && m.isObject()
            ? new FlowNode.Message(MetamodelJson.label(m.get("subject")), MetamodelJson.label(m.get("body"))) : null;
        yield new FlowNode.Notify(c, text(n, "channel"), recipient(n.get("to")), text(n, "template"), message);
      }
      case "wait" -> new FlowNode.Wait(c, text(n, "duration"), text(n, "until"), text(n, "condition"), text(n, "timeout"),
          text(n, "calendar"));
      case "callWebhook" -> new FlowNode.CallWebhook(c, text(n, "url"), text(n, "method"), texts(n.path("headers")),
          texts(n.path("body")), text(n, "secret"), text(n, "output"));
      case "setVariable" -> new FlowNode.SetVariable(c, text(n, "name"), text(n, "value"));
      case "forEach" -> new FlowNode.ForEach(c, text(n, "entity"), text(n, "via"), text(n, "condition"), text(n, "flow"));
      case "callFlow" -> new FlowNode.CallFlow(c, text(n, "flow"), text(n, "record"), RuleJson.bool(n, "wait", true));
      case "end" -> new FlowNode.End(c);
      case "approval" -> approval(c, n);
      default -> new FlowNode.Unknown(c, type);
    };
  }

  /** An approval node (ADR 0050); {@code allowReturn} and {@code allowWithdraw} default to true. */
  private static FlowNode.Approval approval(Common c, JsonNode n) {
    JsonNode none = n.get("ifNoApprover");
    NoApprover ifNoApprover = none != null && none.isObject() ? new NoApprover(text(none, "action"), text(none, "username")) : null;
    JsonNode t = n.get("timeLimit");
    TimeLimit timeLimit = t != null && t.isObject() ? new TimeLimit(text(t, "after"), text(t, "calendar"), text(t, "action"),
        text(t, "remindEvery"), approver(t.get("escalateTo"))) : null;
    JsonNode ratio = n.get("passRatio");
    return new FlowNode.Approval(c, MetamodelJson.label(n.get("title")),
        n.has("mode") ? ApprovalMode.fromJson(text(n, "mode")).orElse(null) : null,
        ratio != null && ratio.isNumber() ? ratio.asDouble() : null, list(n.path("approvers"), FlowJson::approver),
        ifNoApprover, RuleJson.bool(n, "skipRepeated", false), list(n.path("copyTo"), FlowJson::approver), timeLimit,
        texts(n.path("fields")), RuleJson.bool(n, "allowReturn", true), RuleJson.bool(n, "allowWithdraw", true));
  }

  static Approver approver(JsonNode a) {
    if (a == null || !a.isObject()) {
      return null;
    }
    return new Approver(ApproverType.fromJson(text(a, "type")).orElse(null), text(a, "username"), text(a, "team"),
        integer(a, "levels"), text(a, "role"), text(a, "field"), text(a, "expression"));
  }

  private static Retry retry(JsonNode r) {
    if (r == null || !r.isObject()) {
      return null;
    }
    Integer max = integer(r, "maxAttempts");
    String backoff = text(r, "backoff");
    return new Retry(max == null ? Retry.DEFAULT_MAX_ATTEMPTS : max, backoff == null ? Retry.DEFAULT_BACKOFF : backoff);
  }

  private static Recipient recipient(JsonNode r) {
    if (r == null || !r.isObject()) {
      return null;
    }
    return new Recipient(RecipientType.fromJson(text(r, "type")).orElse(null), text(r, "username"), text(r, "field"));
  }

  /** A string-valued map (field to expression, header to value); other values are left out. */
  private static Map<String, String> texts(JsonNode m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  /** A scalar as text ({@code "won"}, {@code 12.5} → "12.5", {@code true} → "true"); null otherwise. */
  private static String scalar(JsonNode v) {
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static String text(JsonNode n, String key) {
    return RuleJson.text(n, key);
  }

  private static Integer integer(JsonNode n, String key) {
    return RuleJson.integer(n, key);
  }

  private static <T> List<T> list(JsonNode items, java.util.function.Function<JsonNode, T> read) {
    return RuleJson.list(items, read);
  }
}
