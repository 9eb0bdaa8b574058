package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.StageGateMessage.APPROVAL_FLOW_DISABLED;
import static dev.tessera.metamodel.validation.StageGateMessage.APPROVAL_FLOW_WITHOUT_APPROVAL;
import static dev.tessera.metamodel.validation.StageGateMessage.DEFAULT_NEEDS_APPROVAL;
import static dev.tessera.metamodel.validation.StageGateMessage.FLOW_NOT_MANUAL;
import static dev.tessera.metamodel.validation.StageGateMessage.FLOW_OF_OTHER_ENTITY;
import static dev.tessera.metamodel.validation.StageGateMessage.GATES_NOT_FOR_TYPE;
import static dev.tessera.metamodel.validation.StageGateMessage.GATE_COMPUTED_FIELD;
import static dev.tessera.metamodel.validation.StageGateMessage.GATE_FIELD_TWICE;
import static dev.tessera.metamodel.validation.StageGateMessage.GATE_NOT_AN_OPTION;
import static dev.tessera.metamodel.validation.StageGateMessage.GATE_OWN_FIELD;
import static dev.tessera.metamodel.validation.StageGateMessage.GATE_UNKNOWN_FIELD;
import static dev.tessera.metamodel.validation.StageGateMessage.MESSAGE_WITHOUT_CONDITION;
import static dev.tessera.metamodel.validation.StageGateMessage.UNKNOWN_FLOW;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.i18n.MessageCode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.metamodel.model.PicklistOption;
import dev.tessera.metamodel.model.StageGate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a stage field's {@code gates} (ADR 0053), each problem at its path: gates only on stage
 * fields and only for its options; required fields exist, are not computed and are not the stage field;
 * the condition compiles as true/false on the entity (line and column); the approval names an enabled
 * flow with a manual trigger on the same entity that holds an approval node; onEnter flows have a manual
 * trigger on the same entity; the field's default is not a stage that needs an approval.
 */
final class StageGateChecks {
  private final EntityDefinition entity;
  private final FieldDefinition field;
  private final String base;
  private final ValidationContext ctx;
  private final List<Problem> out = new ArrayList<>();

  private StageGateChecks(EntityDefinition entity, FieldDefinition field, String base, ValidationContext ctx) {
    this.entity = entity;
    this.field = field;
    this.base = base;
    this.ctx = ctx;
  }

  /** The problems of {@code field}'s gates; {@code base} is the field's path. */
  static List<Problem> check(EntityDefinition entity, FieldDefinition field, String base, ValidationContext ctx) {
    StageGateChecks c = new StageGateChecks(entity, field, base, ctx);
    if (!field.gates().isEmpty() && field.type() != null && entity.name() != null) {
      c.all();
    }
    return c.out;
  }

  private void all() {
    if (field.type() != FieldType.STAGE) {
      add(ProblemCode.INVALID_OPTION, ".gates", GATES_NOT_FOR_TYPE, "type", field.type().jsonName());
      return;
    }
    field.gates().forEach((stage, gate) -> gate(".gates" + Problem.key(stage), stage, gate));
    StageGate initial = field.defaultValue() != null && field.defaultValue().isTextual()
        ? field.gate(field.defaultValue().asText()) : null;
    if (initial != null && initial.needsApproval()) {
      add(ProblemCode.INVALID_OPTION, ".default", DEFAULT_NEEDS_APPROVAL, "stage", field.defaultValue().asText());
    }
  }

  private void gate(String at, String stage, StageGate gate) {
    if (!field.hasOption(stage)) {
      add(ProblemCode.INVALID_OPTIONS, at, GATE_NOT_AN_OPTION, "stage", stage, "options",
          MessageCode.list(field.options().stream().map(PicklistOption::value).toList()));
    }
    requiredFields(at, stage, gate.requiredFields());
    if (gate.condition() != null) {
      condition(at + ".condition", gate.condition());
    } else if (gate.message() != null) {
      add(ProblemCode.INVALID_OPTION, at + ".message", MESSAGE_WITHOUT_CONDITION, "stage", stage);
    }
    if (gate.approval() != null) {
      FlowDefinition flow = flow(at + ".approval", gate.approval());
      if (flow != null && flow.nodes().stream().noneMatch(n -> n instanceof FlowNode.Approval)) {
        add(ProblemCode.INVALID_OPTION, at + ".approval", APPROVAL_FLOW_WITHOUT_APPROVAL, "flow", flow.name(),
            "stage", stage);
      } else if (flow != null && !flow.enabled()) {
        add(ProblemCode.INVALID_OPTION, at + ".approval", APPROVAL_FLOW_DISABLED, "flow", flow.name(), "stage", stage);
      }
    }
    for (int j = 0; j < gate.onEnter().size(); j++) {
      flow(at + ".onEnter[" + j + "]", gate.onEnter().get(j));
    }
  }

  private void requiredFields(String at, String stage, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      String path = at + ".requiredFields[" + j + "]";
      FieldDefinition f = entity.field(name).orElse(null);
      if (f == null) {
        add(ProblemCode.INVALID_OPTION, path, GATE_UNKNOWN_FIELD, "stage", stage, "field", name, "entity", entity.name());
      } else if (f.computed()) {
        add(ProblemCode.INVALID_OPTION, path, GATE_COMPUTED_FIELD, "stage", stage, "field", name);
      } else if (f.name().equals(field.name())) {
        add(ProblemCode.INVALID_OPTION, path, GATE_OWN_FIELD, "stage", stage, "field", name);
      } else if (!seen.add(name)) {
        add(ProblemCode.DUPLICATE, path, GATE_FIELD_TWICE, "stage", stage, "field", name);
      }
    }
  }

  private void condition(String at, String source) {
    try {
      Expressions.compile(source, Scope.of(entity, ctx.entities(), Scope.Use.CONDITION), ExprType.BOOLEAN);
    } catch (ExpressionException e) {
      out.add(Problem.inExpression(base + at, e));
    }
  }

  /** A flow with a manual trigger on this entity, or null with the problem that says why not. */
  private FlowDefinition flow(String at, String name) {
    FlowDefinition flow = ctx.definition(FlowDefinition.class, FlowDefinition.KIND, name).orElse(null);
    if (flow == null) {
      add(ProblemCode.UNKNOWN_TARGET, at, UNKNOWN_FLOW, "flow", name);
      return null;
    }
    if (!(flow.trigger() instanceof FlowTrigger.Manual)) {
      add(ProblemCode.INVALID_OPTION, at, FLOW_NOT_MANUAL, "flow", name, "trigger",
          flow.trigger() == null ? "" : flow.trigger().type());
      return null;
    }
    if (!entity.name().equals(flow.entity())) {
      add(ProblemCode.INVALID_OPTION, at, FLOW_OF_OTHER_ENTITY, "flow", name, "flowEntity",
          String.valueOf(flow.entity()), "entity", entity.name());
      return null;
    }
    return flow;
  }

  private void add(ProblemCode code, String rel, StageGateMessage message, Object... args) {
    out.add(Problem.of(code, base + rel, message, args));
  }
}
