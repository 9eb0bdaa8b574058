package dev.tessera.flow;

import dev.tessera.change.Change;
import dev.tessera.change.ChangeSubscriber;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.Tx;
import dev.tessera.record.RecordStore;
import dev.tessera.record.Uuids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Starts flows from the change feed, and wakes the instances a change concerns. It is a feed subscriber:
 * each batch is handled in the transaction that advances its checkpoint, so an instance is created
 * exactly once per (flow, triggering change), whichever node serves the feed and however often a batch
 * is redelivered. Per change: a task marked done wakes the path waiting on it; a change to a record with
 * waiting instances makes their condition waits and goals be checked again; each enabled flow whose
 * trigger fires enrolls the record if the enrollment condition holds and re-enrollment allows it. A
 * change a flow made to its own trigger record never starts that flow again (the loop guard), and a flow
 * starting more than its limit per minute has the excess start late.
 */
@ApplicationScoped
public class FlowEnrollment implements ChangeSubscriber {
  private static final Logger LOG = Logger.getLogger(FlowEnrollment.class);
  private final FlowStore store;
  private final FlowVersions versions;
  private final FlowExpressions expressions;
  private final MetadataRegistry registry;
  private final RecordStore records;

  public FlowEnrollment(FlowStore store, FlowVersions versions, FlowExpressions expressions, MetadataRegistry registry,
      RecordStore records) {
    this.store = store;
    this.versions = versions;
    this.expressions = expressions;
    this.registry = registry;
    this.records = records;
  }

  @Override
  public String name() {
    return "flows";
  }

  /** What one batch shares: starts per flow in the last minute, counted once per batch. */
  static final class Batch {
    final Map<String, Integer> startedLastMinute = new HashMap<>();
  }

  @Override
  public Uni<Void> deliver(Tx tx, List<Change> changes) {
    MetadataSnapshot meta = registry.current();
    List<FlowDefinition> all = meta.all(FlowDefinition.class);
    if (all.isEmpty() && !meta.entities().containsKey(FlowNodes.TASK)) {
      return Uni.createFrom().voidItem();
    }
    List<FlowDefinition> starting = all.stream().filter(f -> f.enabled() && f.trigger() != null
        && (f.isRecordTrigger() || f.trigger() instanceof FlowTrigger.Webhook)).toList();
    Set<String> watched = new HashSet<>();
    all.forEach(f -> {
      if (f.entity() != null && (f.goal() != null || f.nodes().stream().anyMatch(n -> n instanceof FlowNode.Wait w
          && w.condition() != null))) {
        watched.add(f.entity());
      }
    });
    Batch batch = new Batch();
    return Sequence.each(changes, c -> wakes(tx, watched, c))
        .chain(() -> Sequence.each(starting, f -> enrollAll(tx, meta, f, changes.stream()
            .filter(c -> c.entity().equals(f.trigger().entity()) && fires(f.trigger(), c)).toList(), batch)))
        .chain(() -> Sequence.each(FlowStageEntries.of(meta, changes).entrySet(),
            en -> entered(tx, meta, en.getKey(), en.getValue(), batch)));
  }

  /** Starts a stage gate's onEnter flow on each record a change moved into the stage: once per change (ADR 0053). */
  private Uni<Void> entered(Tx tx, MetadataSnapshot meta, String name, List<Change> entered, Batch batch) {
    FlowDefinition f = meta.named(FlowDefinition.class, name).orElse(null);
    EntityDefinition e = f == null || !f.enabled() || f.entity() == null ? null : meta.entities().get(f.entity());
    if (e == null) {
      return Uni.createFrom().voidItem();
    }
    List<Change> mine = entered.stream().filter(c -> c.entity().equals(e.name())).toList();
    return versions.current(tx, meta, name).chain(running -> running == null ? Uni.createFrom().voidItem()
        : admittedAll(tx, meta, running, e, mine).chain(admitted -> start(tx, running, e, admitted, batch, "enter:")));
  }

  /** What a change wakes: the path waiting on a task now done; condition waits and goals on the record. */
  private Uni<Void> wakes(Tx tx, Set<String> watched, Change c) {
    Uni<?> chain = Uni.createFrom().voidItem();
    if (FlowNodes.TASK.equals(c.entity()) && "UPDATE".equals(c.operation()) && changedTo(c, "status", "done")) {
      chain = chain.chain(() -> store.wake(tx, "task", c.recordId().toString(),
          Map.of("status", "done", "by", c.actor())));
    }
    if (watched.contains(c.entity()) && "UPDATE".equals(c.operation())) {
      chain = chain.chain(() -> store.wakeRecord(tx, c.recordId()));
    }
    return chain.replaceWithVoid();
  }

  /**
   * Enrolls the records of a batch's firing changes in one flow, in a few statements whatever the batch's
   * size: who is enrolled already (one query), the enrollment condition (the records read in one query),
   * one insert of the instances and their tokens, each keyed by its change's position. A record's first
   * firing change in the batch is the one that counts (later ones find it enrolled).
   */
  private Uni<Void> enrollAll(Tx tx, MetadataSnapshot meta, FlowDefinition f, List<Change> firing, Batch batch) {
    if (firing.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String self = "flow:" + f.name();
    // a flow's own write: never a new start; said in the history where it would have looped
    Uni<Void> guards = f.reenrollment() != FlowDefinition.Reenrollment.WHEN_TRIGGERED_AGAIN ? Uni.createFrom().voidItem()
        : Sequence.each(firing.stream().filter(c -> self.equals(c.source())).toList(), c -> loopGuard(tx, f, c));
    EntityDefinition e = meta.entities().get(f.trigger().entity());
    if (e == null) {
      return guards;
    }
    return guards.chain(() -> versions.current(tx, meta, f.name())).chain(running -> {
      if (running == null) {
        return Uni.createFrom().voidItem();
      }
      Map<java.util.UUID, Change> first = new java.util.LinkedHashMap<>();
      for (Change c : firing) {
        // changes from before the flow was published do not start it
        if (!self.equals(c.source()) && (c.committedAt() == null || !c.committedAt().isBefore(running.publishedAt()))) {
          first.putIfAbsent(c.recordId(), c);
        }
      }
      if (first.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      boolean openOnly = running.definition().reenrollment() == FlowDefinition.Reenrollment.WHEN_TRIGGERED_AGAIN;
      return store.enrolledAmong(tx, f.name(), List.copyOf(first.keySet()), openOnly).chain(enrolled -> {
        List<Change> candidates = first.values().stream().filter(c -> !enrolled.contains(c.recordId())).toList();
        return admittedAll(tx, meta, running, e, candidates).chain(admitted -> start(tx, running, e, admitted, batch,
            "change:"));
      });
    });
  }

  /** Those of {@code candidates} whose record meets the enrollment condition (all when there is none). */
  private Uni<List<Change>> admittedAll(Tx tx, MetadataSnapshot meta, FlowVersions.Running running, EntityDefinition e,
      List<Change> candidates) {
    String condition = running.definition().trigger().condition();
    if (condition == null || condition.isBlank() || candidates.isEmpty()) {
      return Uni.createFrom().item(candidates);
    }
    List<java.util.UUID> live = candidates.stream().filter(c -> !"DELETE".equals(c.operation()))
        .map(Change::recordId).toList();
    return (live.isEmpty() ? Uni.createFrom().item(List.<dev.tessera.record.DataRecord>of()) : records.findByIds(tx, e, live))
        .chain(rows -> {
          Map<java.util.UUID, dev.tessera.record.DataRecord> byId = new HashMap<>();
          rows.forEach(r -> byId.put(r.id(), r));
          return Sequence.map(candidates, c -> {
            Uni<dev.tessera.record.DataRecord> record = "DELETE".equals(c.operation())
                ? records.findById(tx, e, c.recordId(), true) : Uni.createFrom().item(byId.get(c.recordId()));
            return record.chain(r -> r == null ? Uni.createFrom().item(false)
                : test(tx, meta, running.definition(), running.version(), e, r, condition))
                .map(ok -> ok ? c : null);
          });
        }).map(list -> list.stream().filter(java.util.Objects::nonNull).toList());
  }

  /** Whether the stored record meets the flow's enrollment condition (one that cannot be evaluated: no, logged). */
  private Uni<Boolean> test(Tx tx, MetadataSnapshot meta, FlowDefinition flow, int version, EntityDefinition e,
      dev.tessera.record.DataRecord r, String condition) {
    FlowInstance probe = new FlowInstance(null, flow.name(), version, e.name(), r.id(),
        FlowInstance.Status.RUNNING, null, Map.of(), null, "system", false, null, null);
    FlowContext ctx = new FlowContext(tx, new ArrayList<>(), meta, flow, probe, null, OffsetDateTime.now());
    ctx.entity = e;
    ctx.record = r;
    return expressions.test(ctx, condition).onFailure(FlowFailure.class).recoverWithItem(x -> {
      LOG.warnf("flow %s: the enrollment condition cannot be evaluated: %s", flow.name(), x.getMessage());
      return false;
    });
  }

  /**
   * Starts the admitted changes' instances in one statement, each keyed by {@code key} and its change's
   * position; late when the flow already started its limit this minute.
   */
  private Uni<Void> start(Tx tx, FlowVersions.Running running, EntityDefinition e, List<Change> admitted, Batch batch,
      String key) {
    if (admitted.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    FlowDefinition flow = running.definition();
    Uni<Integer> started = batch.startedLastMinute.containsKey(flow.name())
        ? Uni.createFrom().item(batch.startedLastMinute.get(flow.name()))
        : store.startedSince(tx, flow.name(), OffsetDateTime.now().minusMinutes(1));
    return started.chain(n -> {
      batch.startedLastMinute.put(flow.name(), n + admitted.size());
      int limit = Math.max(flow.limits().maxStartsPerMinute(), 1);
      OffsetDateTime due = OffsetDateTime.now().plusMinutes(n / limit);
      return store.startEach(tx, flow.name(), running.version(), e.name(), admitted.stream().map(Change::recordId).toList(),
          admitted.stream().map(c -> key + c.position()).toList(), admitted.stream().map(Change::actor).toList(),
          flow.start().stream().map(FlowEdge::to).toList(), due).replaceWithVoid();
    });
  }

  /** Whether a change fires a trigger (before its enrollment condition). */
  static boolean fires(FlowTrigger trigger, Change c) {
    String op = c.operation();
    if (trigger instanceof FlowTrigger.RecordCreated) {
      return "CREATE".equals(op);
    } else if (trigger instanceof FlowTrigger.RecordDeleted) {
      return "DELETE".equals(op);
    } else if (trigger instanceof FlowTrigger.RecordUpdated u) {
      return "UPDATE".equals(op) && u.changes().stream().allMatch(x -> changed(c, x.field(), x.from(), x.to()));
    } else if (trigger instanceof FlowTrigger.StageChanged s) {
      return "UPDATE".equals(op) && changed(c, s.field(), s.from(), s.to());
    } else if (trigger instanceof FlowTrigger.OwnerChanged o) {
      boolean assigned = "CREATE".equals(op) && c.ownerAfter() != null;
      if (!c.ownerChanged() && !assigned) {
        return false;
      }
      String via = assigned ? "assignment" : via(c);
      return o.via().isEmpty() ? !assigned : o.via().contains(via);
    } else if (trigger instanceof FlowTrigger.Webhook w) {
      return ("CREATE".equals(op) || "UPDATE".equals(op)) && ("webhook:" + w.webhook()).equals(c.source());
    }
    return false;
  }

  /** How an owner changed, from the path of the change. */
  private static String via(Change c) {
    return switch (c.source()) {
      case "pool" -> c.ownerAfter() == null ? "release" : "claim";
      case "recycle" -> "recycle";
      case "assignment" -> "assignment";
      default -> "edit";
    };
  }

  private static boolean changedTo(Change c, String field, String to) {
    return changed(c, field, null, to);
  }

  /** Whether the change changed {@code field}, from {@code from} and to {@code to} where given. */
  private static boolean changed(Change c, String field, String from, String to) {
    if (!(c.changes().get(field) instanceof Map<?, ?> pair)) {
      return false;
    }
    return (from == null || from.equals(text(pair.get("before")))) && (to == null || to.equals(text(pair.get("after"))));
  }

  /** A value as trigger definitions write it: text as is, numbers plainly, booleans as true/false. */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  /** Whether the record meets the flow's enrollment condition (none: every record does). */
  Uni<Boolean> admitted(Tx tx, MetadataSnapshot meta, FlowDefinition flow, EntityDefinition e, FlowInstance instance,
      boolean deleted) {
    String condition = flow.trigger().condition();
    if (condition == null || condition.isBlank()) {
      return Uni.createFrom().item(true);
    }
    return records.findById(tx, e, instance.recordId(), deleted)
        .chain(r -> r == null ? Uni.createFrom().item(false) : test(tx, meta, flow, instance.version(), e, r, condition));
  }

  /** For callers outside a feed batch (a manual start on one record): the start, at once (not throttled). */
  Uni<Boolean> startNow(Tx tx, FlowDefinition flow, FlowInstance instance) {
    List<String> first = flow.start().stream().map(FlowEdge::to).toList();
    return store.start(tx, instance, first, OffsetDateTime.now());
  }

  /** The flow changed its own trigger record: no new start; the guard is written into the instance's history. */
  private Uni<Void> loopGuard(Tx tx, FlowDefinition f, Change c) {
    return store.instances(tx, f.name(), c.recordId(), null, 1).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      OffsetDateTime now = OffsetDateTime.now();
      String reason = FlowFailure.describe(new FlowFailure("LOOP", Map.of("flow", f.name())));
      return store.addStep(tx, new FlowStep(0, found.get(0).id(), FlowDefinition.TRIGGER, 1, "skipped", null, now, now,
          Map.of("change", c.position()), null, reason)).replaceWithVoid();
    });
  }
}
