package dev.tessera.flow;

import dev.tessera.approval.ApprovalRules;
import dev.tessera.approval.ApprovalService;
import dev.tessera.approval.ApprovalStore;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.record.Uuids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The approval node (ADR 0050): resolves the approvers when it runs, opens the approval (once per visit)
 * and waits for its decision; on its time limit reminds, decides or escalates. The decisions themselves
 * are {@link ApprovalService}'s: they wake the waiting token with the outcome.
 */
@ApplicationScoped
class FlowApprovals {
  private final FlowRecipients recipients;
  private final FlowExpressions expressions;
  private final ApprovalService approvals;
  private final ApprovalStore store;
  private final List<ApprovalDecisions> listeners;

  FlowApprovals(FlowRecipients recipients, FlowExpressions expressions, ApprovalService approvals, ApprovalStore store,
      jakarta.enterprise.inject.Instance<ApprovalDecisions> listeners) {
    this.recipients = recipients;
    this.expressions = expressions;
    this.approvals = approvals;
    this.store = store;
    this.listeners = listeners.stream().toList();
  }

  Uni<Outcome> run(FlowContext ctx, FlowNode.Approval node, FlowToken tok, Uni<String> title) {
    return opened(ctx, node, tok, title).call(o -> told(ctx, node, o));
  }

  /** Tells the {@link ApprovalDecisions} listeners when the node's outcome is a decision (not a wait, not a return). */
  private Uni<Void> told(FlowContext ctx, FlowNode.Approval node, Outcome o) {
    if (ctx.test || listeners.isEmpty() || o instanceof Outcome.Goto || o instanceof Outcome.Wait
        || !(o.output() instanceof Map<?, ?> out) || !(out.get("decision") instanceof String d)) {
      return Uni.createFrom().voidItem();
    }
    String decision = "autoApproved".equals(d) ? ApprovalDecisions.APPROVED : d;
    boolean last = !approvalAfter(ctx.flow, node.id());
    return dev.tessera.platform.Sequence.each(listeners, l -> l.decided(ctx.tx, ctx.events, ctx.instance, decision, last));
  }

  /** Whether an approval node follows {@code nodeId} on its approved (default) path. */
  static boolean approvalAfter(FlowDefinition flow, String nodeId) {
    java.util.Deque<String> todo = new java.util.ArrayDeque<>();
    flow.next(nodeId, null).forEach(e -> todo.add(e.to()));
    Set<String> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      String n = todo.poll();
      if (!seen.add(n)) {
        continue;
      }
      if (flow.node(n).orElse(null) instanceof FlowNode.Approval) {
        return true;
      }
      flow.outgoing(n).forEach(e -> todo.add(e.to()));
    }
    return false;
  }

  private Uni<Outcome> opened(FlowContext ctx, FlowNode.Approval node, FlowToken tok, Uni<String> title) {
    return usernames(ctx, node.approvers()).chain(approvers -> usernames(ctx, node.copyTo())
        .chain(readers -> title.chain(rendered -> {
          List<String> deciding = new ArrayList<>(approvers);
          if (deciding.isEmpty()) {
            FlowNode.NoApprover none = node.ifNoApprover();
            if (FlowNode.NoApprover.APPROVE.equals(none.action())) {
              return Uni.createFrom().item(new Outcome.Next(null, Map.of("approvers", List.of(), "decision", "autoApproved")));
            }
            deciding.add(FlowNode.NoApprover.USER.equals(none.action()) ? none.username() : RoleDefinition.ADMIN);
          }
          Map<String, Object> in = new LinkedHashMap<>();
          in.put("title", rendered);
          in.put("mode", node.mode().jsonName());
          in.put("approvers", deciding);
          in.put("copyTo", readers);
          ctx.input(in);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("approvers", deciding);
          if (!readers.isEmpty()) {
            out.put("copyTo", readers);
          }
          if (ctx.test) {
            ctx.effects.add(Map.of("type", "approval", "title", rendered, "approvers", deciding));
            return Uni.createFrom().item(new Outcome.Next(null, out));
          }
          OffsetDateTime deadline = node.timeLimit() == null ? null
              : FlowNodes.later(ctx, FlowDefinition.duration(node.timeLimit().after()).orElseThrow(), node.timeLimit().calendar());
          UUID id = Uuids.v7();
          ApprovalStore.Approval a = new ApprovalStore.Approval(id, ctx.instance.id(), node.id(), tok.visit(), ctx.flow.name(),
              ctx.instance.entity(), ctx.instance.recordId(), rendered, node.mode().jsonName(), node.passRatio(),
              ApprovalRules.Status.PENDING, submitter(ctx), node.fields(), node.allowReturn(), node.allowWithdraw(), deadline,
              null, null, null);
          Uni<List<String>> repeated = node.skipRepeated() ? store.lastApprovers(ctx.tx, ctx.instance.id(), id)
              : Uni.createFrom().item(List.of());
          return repeated.chain(already -> approvals.open(ctx.tx, a, deciding, readers, Set.copyOf(already))).map(opened -> {
            out.put("approval", opened.id().toString());
            return after(opened, out, opened.deadline());
          });
        })));
  }

  /** The waiting node's due time came, or a decision woke it. */
  Uni<Outcome> resume(FlowContext ctx, FlowNode.Approval node, Map<String, Object> wait) {
    return woken(ctx, node, wait).call(o -> told(ctx, node, o));
  }

  private Uni<Outcome> woken(FlowContext ctx, FlowNode.Approval node, Map<String, Object> wait) {
    Object event = wait.get("event");
    UUID id = UUID.fromString(String.valueOf(wait.get("approval")));
    if (event instanceof Map<?, ?> e) {
      return Uni.createFrom().item(decided(String.valueOf(e.get("decision")), e.get("node"), new LinkedHashMap<>(cast(e))));
    }
    return store.find(ctx.tx, id).chain(a -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("approval", id.toString());
      if (a == null) {
        throw new FlowFailure("NO_NODE", Map.of("flow", ctx.flow.name(), "version", ctx.instance.version(), "node", node.id()));
      }
      if (a.status() != ApprovalRules.Status.PENDING) {
        out.put("decision", a.status().sql());
        return Uni.createFrom().item(decided(a.status().sql(), null, out));
      }
      FlowNode.TimeLimit limit = node.timeLimit();
      OffsetDateTime until = wait.get("until") instanceof String u ? OffsetDateTime.parse(u) : null;
      if (limit == null || until == null || ctx.now.isBefore(until)) {
        // woken early (a record change for the flow's goal): the approval goes on waiting
        return Uni.createFrom().item(FlowNodes.again(wait, until == null ? FlowEngine.FOREVER : until));
      }
      switch (limit.action()) {
        case FlowNode.TimeLimit.APPROVE:
        case FlowNode.TimeLimit.REJECT:
          return approvals.decideBySystem(ctx.tx, id, FlowNode.TimeLimit.APPROVE.equals(limit.action())).map(after -> {
            out.put("decision", after.status().sql());
            out.put("timedOut", true);
            return decided(after.status().sql(), null, out);
          });
        case FlowNode.TimeLimit.ESCALATE:
          return usernames(ctx, List.of(limit.escalateTo())).chain(to -> approvals.escalate(ctx.tx, id, to))
              .map(after -> FlowNodes.again(wait, FlowEngine.FOREVER));
        default: {
          OffsetDateTime next = limit.remindEvery() == null ? FlowEngine.FOREVER
              : FlowNodes.later(ctx, FlowDefinition.duration(limit.remindEvery()).orElseThrow(), limit.calendar());
          Map<String, Object> again = new LinkedHashMap<>(wait);
          if (next.isBefore(FlowEngine.FOREVER)) {
            again.put("until", next.toString());
          } else {
            again.remove("until");
          }
          return approvals.remindPending(ctx.tx, a, "system").map(x -> FlowNodes.again(again, next));
        }
      }
    });
  }

  private static Outcome after(ApprovalStore.Approval a, Map<String, Object> out, OffsetDateTime deadline) {
    if (a.status() != ApprovalRules.Status.PENDING) {
      out.put("decision", a.status().sql());
      return decided(a.status().sql(), null, out);
    }
    OffsetDateTime until = deadline == null ? FlowEngine.FOREVER : deadline;
    return new Outcome.Wait(until, FlowNodes.waiting("approval", until, Map.of("approval", a.id().toString())), out);
  }

  /** Where a decided approval leads: approved the default edge, rejected its branch, returned an earlier node. */
  private static Outcome decided(String decision, Object node, Map<String, Object> out) {
    return switch (decision) {
      case "approved" -> new Outcome.Next(null, out);
      case "rejected" -> new Outcome.Next(FlowNode.REJECTED, out);
      case "returned" -> new Outcome.Goto(String.valueOf(node), out);
      default -> new Outcome.Stop(out); // withdrawn or cancelled: this path ends
    };
  }

  /** Who submits: the user whose change or request started the instance, else the record's owner. */
  private static String submitter(FlowContext ctx) {
    String by = ctx.instance.startedBy();
    if (by != null && !by.isBlank() && !by.contains(":") && !"system".equals(by)) {
      return by;
    }
    return ctx.record != null && ctx.record.ownerId() != null ? ctx.record.ownerId() : "system";
  }

  /** The usernames the specs name, in order, each once. */
  private Uni<List<String>> usernames(FlowContext ctx, List<FlowNode.Approver> specs) {
    return recipients.usernames(ctx, specs, source -> expressions.value(ctx, source));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
