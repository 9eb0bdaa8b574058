package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition.Escalation;
import dev.tessera.metamodel.model.SlaPolicyDefinition.Target;

/**
 * The reader of {@code slaPolicy} definitions. Lenient like the others: a value of the wrong type reads as
 * null (the schema reports it); people to notify are read as flows read approvers; defaults are the record's.
 */
public final class SlaJson {
  private SlaJson() {}

  public static SlaPolicyDefinition slaPolicy(JsonNode n) {
    JsonNode active = n.get("active");
    JsonNode warnAt = n.get("warnAt");
    JsonNode warnNotify = n.get("warnNotify");
    return new SlaPolicyDefinition(RuleJson.text(n, "id"), RuleJson.text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), RuleJson.text(n, "entity"),
        active != null && active.isBoolean() ? active.booleanValue() : null, RuleJson.text(n, "calendar"),
        RuleJson.list(n.path("targets"), t -> new Target(RuleJson.text(t, "when"), RuleJson.text(t, "firstResponse"),
            RuleJson.text(t, "resolution"))),
        RuleJson.text(n, "firstResponseWhen"), RuleJson.text(n, "resolvedWhen"), RuleJson.text(n, "pauseWhen"),
        warnAt != null && warnAt.isNumber() ? warnAt.doubleValue() : null,
        warnNotify == null ? null : RuleJson.list(warnNotify, FlowJson::approver),
        RuleJson.list(n.path("escalation"), e -> new Escalation(RuleJson.text(e, "after"),
            RuleJson.list(e.path("notify"), FlowJson::approver))));
  }
}
