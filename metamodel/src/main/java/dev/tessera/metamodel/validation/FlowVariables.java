package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables of a flow as the checks type them (ADR 0047): a {@code setVariable} gives its value's
 * type (text when the value is blank); a {@code createRecord} output is text (the new record's id) and
 * remembers the entity, so later nodes may update the record or pass it to a sub-flow; a
 * {@code callWebhook} output {@code x} gives {@code vars.x.status} (a number) and
 * {@code vars.x.body.<path>} (text, whatever the JSON holds). A node's expressions see the variables of
 * the nodes that can lead to it; on a path where such a node did not run, the variable is blank. The
 * engine, which runs checked flows, offers every variable at once ({@link #all}).
 */
public final class FlowVariables {
  /** One declared variable: its type, the node that sets it, the entity of a record id (else null), whether it is a webhook answer. */
  record Declared(ExprType type, String node, String entity, boolean webhook) {}

  private final Map<String, Declared> byNode = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();

  /** Declares the variable of {@code node}; when another node declared the name with another type, that one (and this is not declared). */
  Declared declare(FlowNode node, String name, Declared d) {
    String first = names.putIfAbsent(name, node.id());
    Declared before = first == null ? null : byNode.get(first + "\u0000" + name);
    if (before != null && (before.webhook() != d.webhook() || !before.type().equals(d.type()))) {
      return before;
    }
    byNode.put(node.id() + "\u0000" + name, d);
    return null;
  }

  /** The type a {@code setVariable}'s value gives its variable: the value's; text when it is blank, untyped or did not compile (null). */
  static ExprType valueType(CompiledExpression value) {
    return value == null || value.type().kind() == ExprType.Kind.NULL || value.type().kind() == ExprType.Kind.ANY
        ? ExprType.TEXT : value.type();
  }

  /**
   * Every variable {@code flow} declares, typed as the checks type them, for the engine (the checks already
   * refused a read of a variable that no earlier node sets): the outputs of {@code createRecord} and
   * {@code callWebhook} nodes, then each {@code setVariable} in node order, its value typed in {@code base}
   * with the variables declared before it; the first declaration of a name wins.
   */
  public static Scope.FlowVariables all(FlowDefinition flow, Scope base) {
    Map<String, Declared> declared = new LinkedHashMap<>();
    for (FlowNode n : flow.nodes()) {
      if (n instanceof FlowNode.CreateRecord c && c.output() != null) {
        declared.putIfAbsent(c.output(), new Declared(ExprType.TEXT, n.id(), c.entity(), false));
      } else if (n instanceof FlowNode.CallWebhook w && w.output() != null) {
        declared.putIfAbsent(w.output(), new Declared(ExprType.TEXT, n.id(), null, true));
      }
    }
    for (FlowNode n : flow.nodes()) {
      if (n instanceof FlowNode.SetVariable v && v.name() != null && v.value() != null) {
        CompiledExpression value;
        try {
          value = Expressions.compile(v.value(), base.withFlowVariables(scope(declared)), null);
        } catch (ExpressionException e) {
          value = null;
        }
        declared.putIfAbsent(v.name(), new Declared(valueType(value), n.id(), null, false));
      }
    }
    return scope(declared);
  }

  /** The variables the nodes {@code from} set, by name. */
  Map<String, Declared> of(Collection<String> from) {
    Map<String, Declared> out = new LinkedHashMap<>();
    byNode.forEach((key, d) -> {
      String node = key.substring(0, key.indexOf('\u0000'));
      if (from.contains(node)) {
        out.putIfAbsent(key.substring(key.indexOf('\u0000') + 1), d);
      }
    });
    return out;
  }

  /** The scope's view of {@code visible}. */
  static Scope.FlowVariables scope(Map<String, Declared> visible) {
    Map<String, ExprType> paths = new HashMap<>();
    Set<String> open = new HashSet<>();
    visible.forEach((name, d) -> {
      if (d.webhook()) {
        paths.put(name + ".status", ExprType.NUMBER);
        open.add(name + ".body");
      } else {
        paths.put(name, d.type());
      }
    });
    return new Scope.FlowVariables(paths, open);
  }
}
