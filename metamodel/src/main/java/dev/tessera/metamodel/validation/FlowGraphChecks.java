package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of a flow's graph: node ids unique and not {@code trigger}; every edge leaves the trigger
 * or a node and reaches a node, on a branch its node has (a default edge only where the node has one,
 * none after an end node, one edge per named branch, several default edges fork); onError names another
 * node and does not double an {@code error} edge; something starts; every node is reachable; no loops.
 * Gives the nodes in an order where each comes after every node that can lead to it (null when there is
 * a loop), and each node's ancestors, for the variables an expression may read.
 */
final class FlowGraphChecks {
  private final FlowChecks c;
  private final FlowDefinition flow;
  /** Each id's node and its index (the first of duplicates). */
  private final Map<String, Integer> index = new LinkedHashMap<>();
  /** Each node's successors through valid edges and onError, in order. */
  private final Map<String, Set<String>> next = new LinkedHashMap<>();
  /** The nodes in an order where each comes after those that lead to it; null when there is a loop. */
  List<String> order;
  /** The nodes that can lead to each node. */
  final Map<String, Set<String>> ancestors = new HashMap<>();

  FlowGraphChecks(FlowChecks c) {
    this.c = c;
    this.flow = c.flow;
  }

  void check() {
    ids();
    next.put(FlowDefinition.TRIGGER, new LinkedHashSet<>());
    index.keySet().forEach(id -> next.put(id, new LinkedHashSet<>()));
    edges();
    onError();
    if (next.get(FlowDefinition.TRIGGER).isEmpty()) {
      c.add(ProblemCode.REQUIRED, ".edges", FlowMessage.NO_START);
    }
    reachable();
    order();
  }

  private void ids() {
    for (int i = 0; i < flow.nodes().size(); i++) {
      FlowNode n = flow.nodes().get(i);
      String at = ".nodes[" + i + "]";
      if (FlowDefinition.TRIGGER.equals(n.id())) {
        c.add(ProblemCode.RESERVED_NAME, at + ".id", FlowMessage.NODE_ID_RESERVED);
      } else if (n.id() != null && index.putIfAbsent(n.id(), i) != null) {
        c.add(ProblemCode.DUPLICATE, at + ".id", FlowMessage.NODE_ID_DUPLICATE, "node", n.id());
      }
    }
  }

  private void edges() {
    Set<String> branches = new HashSet<>();
    Set<String> defaults = new HashSet<>();
    for (int j = 0; j < flow.edges().size(); j++) {
      FlowEdge e = flow.edges().get(j);
      String at = ".edges[" + j + "]";
      boolean fromOk = from(e, at);
      boolean toOk = to(e, at);
      if (!fromOk || !toOk) {
        continue;
      }
      if (e.branch() != null && !branches.add(e.from() + "\u0000" + e.branch())) {
        c.add(ProblemCode.DUPLICATE, at + ".branch", FlowMessage.EDGE_BRANCH_TWICE, "node", e.from(), "branch", e.branch());
      } else if (e.branch() == null && !defaults.add(e.from() + "\u0000" + e.to())) {
        c.add(ProblemCode.DUPLICATE, at, FlowMessage.EDGE_REPEATED, "from", e.from(), "node", e.to());
      } else {
        next.get(e.from()).add(e.to());
      }
    }
  }

  /** The edge's source exists and may take the edge's branch. */
  private boolean from(FlowEdge e, String at) {
    if (FlowDefinition.TRIGGER.equals(e.from())) {
      if (e.branch() != null) {
        c.add(ProblemCode.INVALID_OPTION, at + ".branch", FlowMessage.EDGE_FROM_TRIGGER_BRANCH);
        return false;
      }
      return true;
    }
    if (e.from() == null) {
      return false;
    }
    Integer i = index.get(e.from());
    if (i == null) {
      c.add(ProblemCode.UNKNOWN_TARGET, at + ".from", FlowMessage.EDGE_UNKNOWN_NODE, "node", e.from(), "hint",
          FlowChecks.hint(e.from(), index.keySet()));
      return false;
    }
    FlowNode n = flow.nodes().get(i);
    if (n instanceof FlowNode.Unknown) {
      return true;
    }
    if (n instanceof FlowNode.End) {
      c.add(ProblemCode.INVALID_OPTION, at + ".from", FlowMessage.EDGE_FROM_END, "node", n.id());
      return false;
    }
    if (e.branch() != null && !n.branchNames().contains(e.branch())) {
      c.add(ProblemCode.INVALID_OPTION, at + ".branch", FlowMessage.EDGE_UNKNOWN_BRANCH, "node", n.id(), "branch",
          e.branch(), "branches", FlowChecks.list(n.branchNames()));
      return false;
    }
    if (e.branch() == null && !n.hasDefaultEdge()) {
      c.add(ProblemCode.REQUIRED, at + ".branch", FlowMessage.EDGE_NEEDS_BRANCH, "node", n.id(), "branches",
          FlowChecks.list(n.branchNames()));
      return false;
    }
    return true;
  }

  private boolean to(FlowEdge e, String at) {
    if (FlowDefinition.TRIGGER.equals(e.to())) {
      c.add(ProblemCode.INVALID_OPTION, at + ".to", FlowMessage.EDGE_TO_TRIGGER);
      return false;
    }
    if (e.to() != null && !index.containsKey(e.to())) {
      c.add(ProblemCode.UNKNOWN_TARGET, at + ".to", FlowMessage.EDGE_UNKNOWN_NODE, "node", e.to(), "hint",
          FlowChecks.hint(e.to(), index.keySet()));
      return false;
    }
    return e.to() != null;
  }

  private void onError() {
    for (int i = 0; i < flow.nodes().size(); i++) {
      FlowNode n = flow.nodes().get(i);
      String catcher = n.onError();
      String at = ".nodes[" + i + "].onError";
      if (catcher == null || n.id() == null || !Objects.equals(index.get(n.id()), i)) {
        continue;
      }
      if (catcher.equals(n.id())) {
        c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.ON_ERROR_ITSELF);
      } else if (!index.containsKey(catcher)) {
        c.add(ProblemCode.UNKNOWN_TARGET, at, FlowMessage.EDGE_UNKNOWN_NODE, "node", catcher, "hint",
            FlowChecks.hint(catcher, index.keySet()));
      } else if (!flow.next(n.id(), FlowNode.ERROR).isEmpty()) {
        c.add(ProblemCode.CONFLICT, at, FlowMessage.ERROR_HANDLED_TWICE, "node", n.id());
      } else {
        next.get(n.id()).add(catcher);
      }
    }
  }

  private void reachable() {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(FlowDefinition.TRIGGER));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        todo.addAll(next.getOrDefault(id, Set.of()));
      }
    }
    index.forEach((id, i) -> {
      if (!seen.contains(id)) {
        c.add(ProblemCode.INVALID_OPTION, ".nodes[" + i + "]", FlowMessage.UNREACHABLE, "node", id);
      }
    });
  }

  /** Kahn's order of the nodes; the nodes left over sit on loops, reported once per loop. */
  private void order() {
    Map<String, Integer> incoming = new HashMap<>();
    next.values().forEach(s -> s.forEach(t -> incoming.merge(t, 1, Integer::sum)));
    Deque<String> ready = new ArrayDeque<>();
    next.keySet().forEach(id -> {
      if (!incoming.containsKey(id)) {
        ready.add(id);
      }
    });
    List<String> out = new ArrayList<>();
    next.keySet().forEach(id -> ancestors.put(id, new LinkedHashSet<>()));
    while (!ready.isEmpty()) {
      String id = ready.poll();
      out.add(id);
      for (String t : next.get(id)) {
        ancestors.get(t).add(id);
        ancestors.get(t).addAll(ancestors.get(id));
        if (incoming.merge(t, -1, Integer::sum) == 0) {
          ready.add(t);
        }
      }
    }
    if (out.size() == next.size()) {
      order = out;
      return;
    }
    loops(out);
  }

  private void loops(List<String> ordered) {
    Set<String> reported = new HashSet<>(ordered);
    for (String start : next.keySet()) {
      if (reported.contains(start)) {
        continue;
      }
      List<String> loop = loopFrom(start);
      if (loop != null) {
        reported.addAll(loop);
        c.add(ProblemCode.CONFLICT, ".nodes[" + index.get(start) + "]", FlowMessage.CYCLE, "nodes",
            String.join(" → ", loop));
      }
    }
  }

  /** A path of nodes from {@code start} back to it, or null when {@code start} only leads into a loop. */
  private List<String> loopFrom(String start) {
    Deque<List<String>> todo = new ArrayDeque<>();
    todo.add(List.of(start));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      List<String> path = todo.poll();
      for (String t : next.get(path.get(path.size() - 1))) {
        List<String> longer = new ArrayList<>(path);
        longer.add(t);
        if (t.equals(start)) {
          return longer;
        }
        if (seen.add(t)) {
          todo.add(longer);
        }
      }
    }
    return null;
  }
}
