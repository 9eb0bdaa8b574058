package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowTrigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of each node of a flow, in an order where a node comes after those that lead to it, so
 * the variables they set are known ({@link FlowVariables}): expressions compile with the type their
 * use needs, written fields exist and are writable, created records get their required fields, texts'
 * placeholders resolve, durations are bounded, and named rules, templates, calendars and sub-flows
 * exist and fit. Messages and texts are checked by {@link FlowNodeTexts}, approvals by
 * {@link FlowApprovalChecks}.
 */
final class FlowNodeChecks {
  private static final Set<String> RESERVED_BRANCHES = Set.of(FlowNode.ELSE, FlowNode.ERROR, FlowNode.TIMEOUT, "met");

  private final FlowChecks c;
  private final FlowGraphChecks graph;
  private final FlowVariables variables = new FlowVariables();
  private final Set<String> seen = new HashSet<>();

  FlowNodeChecks(FlowChecks c, FlowGraphChecks graph) {
    this.c = c;
    this.graph = graph;
  }

  void check() {
    List<Integer> order = new ArrayList<>();
    List<FlowNode> nodes = c.flow.nodes();
    if (graph.order != null) {
      graph.order.forEach(id -> {
        for (int i = 0; i < nodes.size(); i++) {
          if (id.equals(nodes.get(i).id()) && !order.contains(i)) {
            order.add(i);
            return;
          }
        }
      });
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (!order.contains(i)) {
        order.add(i);
      }
    }
    for (int i : order) {
      FlowNode n = nodes.get(i);
      node(n, ".nodes[" + i + "]", visible(n));
      seen.add(n.id());
    }
  }

  /** The variables of the nodes that lead to {@code n} (with a loop: of the nodes checked before it). */
  private Map<String, FlowVariables.Declared> visible(FlowNode n) {
    Set<String> from = graph.order != null ? graph.ancestors.getOrDefault(n.id(), Set.of()) : seen;
    return variables.of(from);
  }

  private void node(FlowNode n, String at, Map<String, FlowVariables.Declared> vars) {
    c.duration(at + ".retry.backoff", n.retry().backoff());
    NodeScope s = new NodeScope(at, vars);
    if (n instanceof FlowNode.Approval x) {
      new FlowApprovalChecks(c, at, FlowVariables.scope(vars)).check(x);
    } else if (n instanceof FlowNode.Condition x) {
      List<String> names = new ArrayList<>();
      for (int j = 0; j < x.branches().size(); j++) {
        names.add(x.branches().get(j).name());
        s.expression(".branches[" + j + "].condition", x.branches().get(j).condition(), ExprType.BOOLEAN);
      }
      branchNames(at, names);
    } else if (n instanceof FlowNode.Split x) {
      branchNames(at, x.branches().stream().map(FlowNode.WeightedBranch::name).toList());
    } else if (n instanceof FlowNode.UpdateRecord x) {
      EntityDefinition target = x.record() == null ? c.entity : recordVariable(at + ".record", x.record(), vars);
      if (x.record() == null && c.recordless()) {
        c.add(ProblemCode.INVALID_OPTION, at + ".set", FlowMessage.NEEDS_RECORD);
      }
      set(s, at, target, x.set());
    } else if (n instanceof FlowNode.CreateRecord x) {
      EntityDefinition target = c.entity(at + ".entity", x.entity());
      set(s, at, target, x.set());
      required(at, target, x.set());
      declare(n, at + ".output", x.output(), new FlowVariables.Declared(ExprType.TEXT, n.id(), x.entity(), false));
    } else if (n instanceof FlowNode.Assign x) {
      assign(at, x);
    } else if (n instanceof FlowNode.CreateTask || n instanceof FlowNode.Notify) {
      new FlowNodeTexts(c, c.scope(FlowVariables.scope(vars), Scope.Use.VALUE), at).check(n);
    } else if (n instanceof FlowNode.Wait x) {
      waitNode(s, at, x);
    } else if (n instanceof FlowNode.CallWebhook x) {
      x.body().forEach((k, v) -> s.expression(".body" + Problem.key(k), v, null));
      declare(n, at + ".output", x.output(), new FlowVariables.Declared(ExprType.TEXT, n.id(), null, true));
    } else if (n instanceof FlowNode.SetVariable x) {
      ExprType type = FlowVariables.valueType(s.expression(".value", x.value(), null));
      declare(n, at + ".name", x.name(), new FlowVariables.Declared(type, n.id(), null, false));
    } else if (n instanceof FlowNode.ForEach x) {
      forEach(at, x);
    } else if (n instanceof FlowNode.CallFlow x) {
      EntityDefinition on = x.record() == null ? c.entity : recordVariable(at + ".record", x.record(), vars);
      subFlow(at + ".flow", x.flow(), on);
    }
  }

  /** Expressions of one node, compiled with the flow's record and the variables the node sees. */
  private final class NodeScope {
    final String at;
    final Map<String, FlowVariables.Declared> vars;

    NodeScope(String at, Map<String, FlowVariables.Declared> vars) {
      this.at = at;
      this.vars = vars;
    }

    CompiledExpression expression(String rel, String source, ExprType expected) {
      Scope.Use use = ExprType.BOOLEAN.equals(expected) ? Scope.Use.CONDITION : Scope.Use.VALUE;
      return c.checksExpressions() ? c.expression(at + rel, source, c.scope(FlowVariables.scope(vars), use), expected) : null;
    }
  }

  private void branchNames(String at, List<String> names) {
    Set<String> taken = new HashSet<>();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      String path = at + ".branches[" + j + "].name";
      if (name == null) {
        continue;
      }
      if (RESERVED_BRANCHES.contains(name)) {
        c.add(ProblemCode.RESERVED_NAME, path, FlowMessage.BRANCH_NAME_RESERVED, "branch", name);
      } else if (!taken.add(name)) {
        c.add(ProblemCode.DUPLICATE, path, FlowMessage.BRANCH_NAME_DUPLICATE, "branch", name);
      }
    }
  }

  /** Fields a node writes exist on {@code target}, are not computed, and get a value of their type. */
  private void set(NodeScope s, String at, EntityDefinition target, Map<String, String> set) {
    if (target == null) {
      return;
    }
    set.forEach((name, expression) -> {
      String path = at + ".set" + Problem.key(name);
      FieldDefinition f = c.field(path, target, name);
      if (f == null) {
        return;
      }
      if (f.computed()) {
        c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.FIELD_NOT_WRITABLE, "field", name);
        return;
      }
      ExprType type = ExprType.of(f.valueType());
      s.expression(".set" + Problem.key(name), expression, type);
      String literal = expression.matches("'[^'\\\\]*'") ? expression.substring(1, expression.length() - 1) : null;
      FlowTriggerChecks.option(c, path, f, literal);
    });
  }

  /** A created record gets every required field that has no default and is not computed. */
  private void required(String at, EntityDefinition target, Map<String, String> set) {
    if (target == null) {
      return;
    }
    List<String> missing = target.fields().stream()
        .filter(f -> f.required() && !f.computed() && f.defaultValue() == null && f.defaultExpression() == null
            && !set.containsKey(f.name()))
        .map(FieldDefinition::name).toList();
    if (!missing.isEmpty()) {
      c.add(ProblemCode.REQUIRED, at + ".set", FlowMessage.REQUIRED_NOT_SET, "entity", target.name(), "fields",
          FlowChecks.list(missing));
    }
  }

  private void declare(FlowNode n, String at, String name, FlowVariables.Declared d) {
    if (name == null) {
      return;
    }
    FlowVariables.Declared before = variables.declare(n, name, d);
    if (before != null) {
      c.add(ProblemCode.CONFLICT, at, FlowMessage.VARIABLE_TYPE_CONFLICT, "name", name, "other", before.node(), "before",
          before.type().label(), "here", d.type().label());
    }
  }

  /** The entity of the record whose id a variable holds: only a create-record output says it. */
  private EntityDefinition recordVariable(String at, String name, Map<String, FlowVariables.Declared> vars) {
    FlowVariables.Declared d = vars.get(name);
    if (d == null || d.entity() == null) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.RECORD_VARIABLE, "name", name);
      return null;
    }
    return c.ctx.entities().get(d.entity());
  }

  private void assign(String at, FlowNode.Assign x) {
    if (c.recordless()) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.NEEDS_RECORD);
      return;
    }
    c.reference(at + ".rule", AssignmentRuleDefinition.class, AssignmentRuleDefinition.KIND, x.rule(),
        FlowMessage.UNKNOWN_RULE, "rule").ifPresent(rule -> {
          if (c.flow.entity() != null && !c.flow.entity().equals(rule.entity())) {
            c.add(ProblemCode.INVALID_OPTION, at + ".rule", FlowMessage.RULE_OF_OTHER_ENTITY, "rule", x.rule(),
                "ruleEntity", rule.entity(), "entity", c.flow.entity());
          }
        });
  }

  private void waitNode(NodeScope s, String at, FlowNode.Wait x) {
    int given = (x.duration() == null ? 0 : 1) + (x.until() == null ? 0 : 1) + (x.condition() == null ? 0 : 1);
    if (given != 1) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.WAIT_NEEDS_ONE);
    }
    c.duration(at + ".duration", x.duration());
    s.expression(".until", x.until(), ExprType.DATETIME);
    s.expression(".condition", x.condition(), ExprType.BOOLEAN);
    if (x.condition() != null && x.timeout() == null) {
      c.add(ProblemCode.REQUIRED, at + ".timeout", FlowMessage.WAIT_CONDITION_NEEDS_TIMEOUT);
    } else if (x.condition() == null && x.timeout() != null) {
      c.add(ProblemCode.INVALID_OPTION, at + ".timeout", FlowMessage.TIMEOUT_NOT_USED);
    }
    c.duration(at + ".timeout", x.timeout());
    calendar(c, at + ".calendar", x.calendar());
  }

  static void calendar(FlowChecks c, String at, String name) {
    c.reference(at, CalendarDefinition.class, CalendarDefinition.KIND, name, FlowMessage.UNKNOWN_CALENDAR, "calendar");
  }

  private void forEach(String at, FlowNode.ForEach x) {
    EntityDefinition related = c.entity(at + ".entity", x.entity());
    FieldDefinition via = c.field(at + ".via", related, x.via());
    if (via != null && (via.type() != FieldType.REFERENCE || c.flow.entity() == null
        || !c.flow.entity().equals(via.target()))) {
      c.add(ProblemCode.INVALID_OPTION, at + ".via", FlowMessage.NOT_A_REFERENCE_TO, "field", x.via(), "target",
          String.valueOf(c.flow.entity()));
    }
    if (related != null) {
      c.expression(at + ".condition", x.condition(), Scope.of(related, c.ctx.entities(), Scope.Use.CONDITION),
          ExprType.BOOLEAN);
    }
    subFlow(at + ".flow", x.flow(), related);
  }

  /** The chain of flows by which {@code flow} calls back the flow being checked (the first of {@code chain}); null when it does not. */
  private List<String> callsBack(FlowDefinition flow, List<String> chain) {
    for (FlowNode n : flow.nodes()) {
      String callee = n instanceof FlowNode.CallFlow x ? x.flow() : n instanceof FlowNode.ForEach x ? x.flow() : null;
      if (callee == null || chain.subList(1, chain.size()).contains(callee)) {
        continue;
      }
      List<String> longer = new ArrayList<>(chain);
      longer.add(callee);
      if (callee.equals(chain.get(0))) {
        return longer;
      }
      FlowDefinition next = c.ctx.definition(FlowDefinition.class, FlowDefinition.KIND, callee).orElse(null);
      List<String> found = next == null ? null : callsBack(next, longer);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** A sub-flow exists, is not this flow, does not call it back, and starts manually on records of {@code on}. */
  private void subFlow(String at, String name, EntityDefinition on) {
    if (name != null && name.equals(c.flow.name())) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.SUBFLOW_ITSELF);
      return;
    }
    c.reference(at, FlowDefinition.class, FlowDefinition.KIND, name, FlowMessage.UNKNOWN_FLOW, "flow").ifPresent(sub -> {
      List<String> loop = callsBack(sub, new ArrayList<>(List.of(c.flow.name(), sub.name())));
      if (loop != null) {
        c.add(ProblemCode.CONFLICT, at, FlowMessage.SUBFLOW_LOOP, "flows", String.join(" → ", loop));
      } else if (!(sub.trigger() instanceof FlowTrigger.Manual)) {
        c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.SUBFLOW_NOT_MANUAL, "flow", name);
      } else if (on != null && !on.name().equals(sub.entity())) {
        c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.SUBFLOW_OF_OTHER_ENTITY, "flow", name, "flowEntity",
            sub.entity(), "entity", on.name());
      }
    });
  }
}
