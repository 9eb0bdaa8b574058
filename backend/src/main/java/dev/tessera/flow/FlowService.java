package dev.tessera.flow;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.SystemColumn;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordService;
import dev.tessera.record.Uuids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What users do with flows and their instances: start a flow on a record by hand, see instances with
 * their paths, handle incidents (retry from the failed node, skip it, cancel the instance), a flow's
 * summary, and complete tasks. Reading and starting on a record needs the right to read that record;
 * handling incidents needs the capability to change metadata (checked at the API).
 */
@ApplicationScoped
public class FlowService {
  private final FlowStore store;
  private final FlowVersions versions;
  private final FlowEnrollment enrollment;
  private final FlowEngine engine;
  private final FlowRunner runner;
  private final MetadataRegistry registry;
  private final TxRunner tx;
  private final RecordReader reader;
  private final RecordService records;
  private final FlowNodes nodes;
  private final FlowActors actors;
  private final dev.tessera.approval.ApprovalService approvals;

  public FlowService(FlowStore store, FlowVersions versions, FlowEnrollment enrollment, FlowEngine engine,
      FlowRunner runner, MetadataRegistry registry, TxRunner tx, RecordReader reader, RecordService records,
      FlowNodes nodes, FlowActors actors, dev.tessera.approval.ApprovalService approvals) {
    this.approvals = approvals;
    this.nodes = nodes;
    this.actors = actors;
    this.store = store;
    this.versions = versions;
    this.enrollment = enrollment;
    this.engine = engine;
    this.runner = runner;
    this.registry = registry;
    this.tx = tx;
    this.reader = reader;
    this.records = records;
  }

  /** An instance with its path (the executed steps, oldest first). */
  public record InstanceView(FlowInstance instance, List<FlowStep> path, List<FlowToken> tokens) {}

  /** Starts a flow with a manual trigger on a record the caller may read; the new instance. */
  public Uni<FlowInstance> start(String flowName, UUID recordId, Actor actor) {
    MetadataSnapshot meta = registry.current();
    FlowDefinition flow = manual(meta, flowName);
    EntityDefinition e = meta.entity(flow.trigger().entity());
    return reader.byId(actor, e, recordId, false).chain(visible -> {
      if (visible == null) {
        throw dev.tessera.record.RecordValidator.notFound(e, recordId);
      }
      return tx.inTransaction(t -> startIn(t, meta, flowName, e, recordId, actor.userId(), "manual:" + UUID.randomUUID()));
    }).invoke(x -> runner.wake());
  }

  /**
   * Starts the current version of a flow with a manual trigger on a record inside the caller's transaction
   * (a stage gate's approval, ADR 0053), keyed by {@code triggerKey}; the new instance, or null when the
   * record does not meet the enrollment condition. The caller checked the record may be read, and wakes
   * the runner once it committed ({@link FlowRunner#wake}).
   */
  public Uni<FlowInstance> startIn(dev.tessera.platform.Tx t, MetadataSnapshot meta, String flowName, EntityDefinition e,
      UUID recordId, String startedBy, String triggerKey) {
    manual(meta, flowName);
    return versions.current(t, meta, flowName).chain(running -> {
      FlowInstance instance = new FlowInstance(Uuids.v7(), flowName, running.version(), e.name(), recordId,
          FlowInstance.Status.RUNNING, null, Map.of(), triggerKey, startedBy, false, null, null);
      return enrollment.admitted(t, meta, running.definition(), e, instance, false).chain(ok -> ok
          ? enrollment.startNow(t, running.definition(), instance).chain(x -> store.instance(t, instance.id()))
          : Uni.createFrom().nullItem());
    });
  }

  /** Most records one {@link #startMany} call takes. */
  public static final int MAX_START = 1000;

  /**
   * Starts a flow with a manual trigger on each of the records the caller may read (others are left
   * out), in one transaction; the records that do not meet the enrollment condition are left out too.
   * How many instances started.
   */
  public Uni<Integer> startMany(String flowName, List<UUID> recordIds, Actor actor) {
    MetadataSnapshot meta = registry.current();
    FlowDefinition flow = manual(meta, flowName);
    if (recordIds.size() > MAX_START) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, dev.tessera.record.RecordMessages.text("TOO_MANY_ROWS",
          Map.of("max", MAX_START, "count", recordIds.size())), "recordIds");
    }
    EntityDefinition e = meta.entity(flow.trigger().entity());
    String batch = "manual:" + UUID.randomUUID() + ":";
    return reader.byIds(actor, e, recordIds).chain(visible -> tx.inTransaction(t -> versions.current(t, meta, flowName)
        .chain(running -> dev.tessera.platform.Sequence.map(visible, r -> {
          FlowInstance probe = new FlowInstance(null, flowName, running.version(), e.name(), r.id(),
              FlowInstance.Status.RUNNING, null, Map.of(), null, actor.userId(), false, null, null);
          return enrollment.admitted(t, meta, running.definition(), e, probe, false).map(ok -> ok ? r.id() : null);
        }).chain(admitted -> store.startMany(t, flowName, running.version(), e.name(),
            admitted.stream().filter(java.util.Objects::nonNull).toList(), batch, actor.userId(),
            running.definition().start().stream().map(FlowEdge::to).toList(), OffsetDateTime.now())))))
        .invoke(x -> runner.wake());
  }

  /** A published, enabled flow with a manual trigger. */
  private static FlowDefinition manual(MetadataSnapshot meta, String flowName) {
    FlowDefinition flow = meta.named(FlowDefinition.class, flowName)
        .orElseThrow(() -> refused(ErrorCode.NOT_FOUND, "NO_FLOW", Map.of("flow", flowName), "flow"));
    if (!(flow.trigger() instanceof FlowTrigger.Manual)) {
      throw refused(ErrorCode.BAD_REQUEST, "NOT_MANUAL", Map.of("flow", flowName, "trigger", flow.trigger().type()), "flow");
    }
    if (!flow.enabled()) {
      throw refused(ErrorCode.BAD_REQUEST, "DISABLED", Map.of("flow", flowName), "flow");
    }
    return flow;
  }

  /** Instances, newest first; {@code recordId} given: only if the caller may read that record. */
  public Uni<List<InstanceView>> instances(String flow, UUID recordId, String status, int limit, Actor actor,
      boolean everything) {
    Uni<Boolean> allowed = everything ? Uni.createFrom().item(true) : recordId == null
        ? Uni.createFrom().item(false) : readable(actor, recordId, flow);
    return allowed.chain(ok -> {
      if (!ok) {
        return Uni.createFrom().item(List.<InstanceView>of());
      }
      return tx.withConnection(t -> store.instances(t, flow, recordId, status, Math.min(Math.max(limit, 1), 500))
          .chain(list -> dev.tessera.platform.Sequence.map(list, i -> store.steps(t, i.id())
              .chain(steps -> store.tokens(t, i.id()).map(tokens -> new InstanceView(i, steps, tokens))))));
    });
  }

  /** Whether the caller may read the record (of the flow's entity when a flow is named, else of any instance on it). */
  private Uni<Boolean> readable(Actor actor, UUID recordId, String flow) {
    return tx.withConnection(t -> store.instances(t, flow, recordId, null, 1)).chain(found -> {
      MetadataSnapshot meta = registry.current();
      String entity = !found.isEmpty() ? found.get(0).entity()
          : flow == null ? null : meta.named(FlowDefinition.class, flow).map(FlowDefinition::entity).orElse(null);
      if (entity == null || !meta.entities().containsKey(entity)) {
        return Uni.createFrom().item(false);
      }
      return reader.byId(actor, meta.entity(entity), recordId, false).map(r -> r != null);
    });
  }

  /** Open incidents, oldest first. */
  public Uni<List<FlowStore.Claimed>> incidents(String flow, int limit) {
    return tx.withConnection(t -> store.incidents(t, flow, Math.min(Math.max(limit, 1), 500)));
  }

  /** Runs the incident's node again from its first attempt (effects of earlier nodes are not replayed). */
  public Uni<FlowInstance> retry(long tokenId) {
    return tx.inTransaction(t -> incident(t, tokenId).chain(c -> store.moveToken(t, new FlowToken(c.token().id(),
            c.token().instanceId(), c.token().node(), FlowToken.State.READY, OffsetDateTime.now(), 1, c.token().visit(),
            c.token().waitFor(), c.token().stepId(), null))
        .chain(() -> store.updateInstance(t, c.instance().id(), FlowInstance.Status.RUNNING, null, null))
        .chain(() -> store.instance(t, c.instance().id()))))
        .invoke(x -> runner.wake());
  }

  /** Skips the incident's node: the path goes on along the node's default edges (none: it ends). */
  public Uni<FlowInstance> skip(long tokenId, Actor actor) {
    return tx.inTransaction(t -> incident(t, tokenId).chain(c -> versions.definition(t, c.instance().flow(),
        c.instance().version()).chain(flow -> {
          FlowToken tok = c.token();
          OffsetDateTime now = OffsetDateTime.now();
          List<FlowEdge> next = flow.next(tok.node(), null);
          Uni<Long> step = store.addStep(t, new FlowStep(0, tok.instanceId(), tok.node(), tok.attempt(), "skipped", null,
              now, now, Map.of("by", actor.userId()), null, tok.error()));
          Uni<Void> moved = next.isEmpty() ? store.deleteToken(t, tok.id())
              : engine.fork(t, tok.instanceId(), tok, next, now);
          return step.chain(x -> moved).chain(() -> store.tokens(t, tok.instanceId())).chain(left -> store.updateInstance(
              t, tok.instanceId(), left.isEmpty() ? FlowInstance.Status.COMPLETED : FlowInstance.Status.RUNNING,
              left.isEmpty() ? "end" : null, null)).chain(() -> store.instance(t, tok.instanceId()));
        }))).invoke(x -> runner.wake());
  }

  /** Cancels an instance that has not ended: its tokens go, nothing more runs. */
  public Uni<FlowInstance> cancel(UUID instanceId, Actor actor) {
    return tx.inTransaction(t -> store.instance(t, instanceId).chain(i -> {
      if (i == null) {
        throw refused(ErrorCode.NOT_FOUND, "NO_INSTANCE", Map.of("id", instanceId), "id");
      }
      if (i.status().ended()) {
        return Uni.createFrom().item(i);
      }
      OffsetDateTime now = OffsetDateTime.now();
      return store.deleteTokens(t, instanceId)
          .chain(() -> store.addStep(t, new FlowStep(0, instanceId, "cancel", 1, "cancelled", null, now, now,
              Map.of("by", actor.userId()), null, null)))
          .chain(x -> store.updateInstance(t, instanceId, FlowInstance.Status.CANCELLED, "cancelled", null))
          .chain(() -> approvals.cancelOpen(t, instanceId, actor.userId()))
          .chain(() -> store.instance(t, instanceId));
    }));
  }

  private Uni<FlowStore.Claimed> incident(dev.tessera.platform.Tx t, long tokenId) {
    return store.lock(t, tokenId).map(c -> {
      if (c == null || c.token().state() != FlowToken.State.INCIDENT) {
        throw refused(ErrorCode.NOT_FOUND, "NO_INCIDENT", Map.of("id", tokenId), "id");
      }
      return c;
    });
  }

  /** Per status how many instances, and how many wait at each node. */
  public Uni<Map<String, Object>> summary(String flow) {
    return tx.withConnection(t -> store.summary(t, flow));
  }

  /** Marks a task done as the caller (its rights apply), which continues a flow waiting on it. */
  public Uni<DataRecord> completeTask(UUID taskId, Actor actor) {
    MetadataSnapshot meta = registry.current();
    EntityDefinition tasks = meta.entity(FlowNodes.TASK);
    return reader.byId(actor, tasks, taskId, false).chain(task -> {
      if (task == null) {
        throw refused(ErrorCode.NOT_FOUND, "NO_TASK", Map.of("id", taskId), "id");
      }
      if ("done".equals(task.get("status"))) {
        return Uni.createFrom().item(task);
      }
      Map<String, Object> patch = new LinkedHashMap<>();
      patch.put("status", "done");
      patch.put("completedAt", OffsetDateTime.now().toString());
      return records.update(meta, FlowNodes.TASK, taskId, task.version(), patch, null, actor.via("completeTask"));
    });
  }

  /** The caller's tasks (owned by the caller), soonest due first; {@code overdue}: open ones past due. */
  public Uni<List<DataRecord>> myTasks(Actor actor, String status, boolean overdue, int limit) {
    EntityDefinition tasks = registry.current().entity(FlowNodes.TASK);
    List<Filter> parts = new java.util.ArrayList<>();
    parts.add(new Filter.Compare(Column.of(SystemColumn.OWNER_ID), Filter.Op.EQ, actor.userId()));
    if (status != null) {
      parts.add(new Filter.Compare(Column.of(tasks.field("status").orElseThrow()), Filter.Op.EQ, status));
    }
    if (overdue) {
      parts.add(new Filter.Compare(Column.of(tasks.field("due").orElseThrow()), Filter.Op.LT, OffsetDateTime.now()));
    }
    Page page = new Page(List.of(new OrderKey(Column.of(tasks.field("due").orElseThrow()), false),
        new OrderKey(Column.of(SystemColumn.ID), false)), null, false, limit);
    return reader.find(actor, new RecordQuery(tasks, new Filter.And(parts), page, false));
  }

  /** What a test run did: the nodes in the order they ran (node, type, branch, output) and the effects it would have had. */
  public record TestRun(String flow, int version, List<Map<String, Object>> path, List<Map<String, Object>> effects) {}

  /** Most nodes a test run goes through (a safety net: flows have no cycles). */
  static final int MAX_TEST_STEPS = 200;

  /**
   * Runs a flow's current version on a real record the caller may read, as its run-as actor would, with
   * every effect described but none applied (no record written, no task, message or call) and every wait
   * skipped along its default edge: the designer's test button.
   */
  public Uni<TestRun> test(String flowName, UUID recordId, Actor actor) {
    MetadataSnapshot meta = registry.current();
    FlowDefinition named = meta.named(FlowDefinition.class, flowName)
        .orElseThrow(() -> refused(ErrorCode.NOT_FOUND, "NO_FLOW", Map.of("flow", flowName), "flow"));
    String entity = named.entity();
    Uni<Boolean> visible = entity == null || recordId == null ? Uni.createFrom().item(true)
        : reader.byId(actor, meta.entity(entity), recordId, false).map(r -> {
          if (r == null) {
            throw dev.tessera.record.RecordValidator.notFound(meta.entity(entity), recordId);
          }
          return true;
        });
    return visible.chain(x -> tx.withConnection(t -> versions.current(t, meta, flowName).chain(running ->
        actors.of(running.definition()).chain(runAs -> {
          FlowInstance instance = new FlowInstance(Uuids.v7(), flowName, running.version(), entity, recordId,
              FlowInstance.Status.RUNNING, null, Map.of(), "test", actor.userId(), true, null, null);
          FlowContext ctx = new FlowContext(t, new java.util.ArrayList<>(), meta, running.definition(), instance, runAs,
              OffsetDateTime.now());
          List<Map<String, Object>> path = new java.util.ArrayList<>();
          java.util.Deque<String> ready = new java.util.ArrayDeque<>();
          running.definition().start().forEach(e -> ready.add(e.to()));
          return engine.load(ctx).chain(() -> testSteps(ctx, ready, path))
              .map(v -> new TestRun(flowName, running.version(), path, ctx.effects));
        }))));
  }

  private Uni<Void> testSteps(FlowContext ctx, java.util.Deque<String> ready, List<Map<String, Object>> path) {
    if (ready.isEmpty() || path.size() >= MAX_TEST_STEPS) {
      return Uni.createFrom().voidItem();
    }
    String id = ready.poll();
    dev.tessera.metamodel.model.FlowNode node = ctx.flow.node(id).orElse(null);
    if (node == null) {
      return testSteps(ctx, ready, path);
    }
    FlowToken tok = new FlowToken(0, ctx.instance.id(), id, FlowToken.State.READY, ctx.now, 1, path.size() + 1, null,
        null, null);
    return nodes.run(ctx, node, tok).chain(o -> {
      String branch = o instanceof Outcome.Next n ? n.branch() : null;
      Map<String, Object> step = new java.util.LinkedHashMap<>();
      step.put("node", id);
      step.put("type", node.type());
      step.put("status", o instanceof Outcome.Wait ? "waitSkipped" : "completed");
      step.put("branch", branch);
      step.put("output", o.output());
      path.add(step);
      if (!(o instanceof Outcome.Stop)) {
        ctx.flow.next(id, branch).forEach(e -> ready.add(e.to()));
      }
      return testSteps(ctx, ready, path);
    }).onFailure(e -> !(e instanceof PlatformException && ((PlatformException) e).code() == ErrorCode.NOT_FOUND))
        .recoverWithUni(e -> {
          Map<String, Object> step = new java.util.LinkedHashMap<>();
          step.put("node", id);
          step.put("type", node.type());
          step.put("status", "failed");
          step.put("error", FlowFailure.describe(e));
          path.add(step);
          return Uni.createFrom().voidItem(); // a failing node ends the test run there
        });
  }

  /** A node of a running version that has no counterpart in the target version, with why. */
  public record MigrationProblem(String instanceId, String node, String code, String message, String messageZh) {}

  /** What a migration did (or, in a dry run, would do). */
  public record Migration(int fromVersion, int toVersion, int instances, List<MigrationProblem> problems, boolean applied) {}

  /**
   * Moves the open instances of {@code fromVersion} to the flow's current version. Each token's node maps
   * to the node of the same id, or to the one {@code mapping} names; the plan is checked first and refused
   * as a whole (nothing moves) when a token's node has no counterpart, or when a waiting token would land
   * on a node of another type (a task wait must stay a task wait). {@code dryRun} checks only.
   */
  public Uni<Migration> migrate(String flowName, int fromVersion, Map<String, String> mapping, boolean dryRun) {
    MetadataSnapshot meta = registry.current();
    meta.named(FlowDefinition.class, flowName)
        .orElseThrow(() -> refused(ErrorCode.NOT_FOUND, "NO_FLOW", Map.of("flow", flowName), "flow"));
    return tx.inTransaction(t -> versions.current(t, meta, flowName).chain(target -> versions.definition(t, flowName,
        fromVersion).chain(source -> store.openTokens(t, flowName, fromVersion).chain(open -> {
          List<MigrationProblem> problems = new java.util.ArrayList<>();
          java.util.Set<UUID> instances = new java.util.LinkedHashSet<>();
          List<FlowToken> moved = new java.util.ArrayList<>();
          for (FlowStore.Claimed c : open) {
            instances.add(c.instance().id());
            String to = mapping.getOrDefault(c.token().node(), c.token().node());
            var there = target.definition().node(to).orElse(null);
            var here = source.node(c.token().node()).orElse(null);
            if (there == null) {
              problems.add(problem(c, "MIGRATE_NO_NODE", Map.of("node", c.token().node(), "target", to,
                  "version", target.version())));
            } else if (c.token().state() == FlowToken.State.WAITING && here != null && !here.type().equals(there.type())) {
              problems.add(problem(c, "MIGRATE_OTHER_TYPE", Map.of("node", c.token().node(), "target", to,
                  "type", here.type(), "targetType", there.type())));
            } else {
              FlowToken k = c.token();
              moved.add(new FlowToken(k.id(), k.instanceId(), to, k.state(), k.dueAt(), k.attempt(), k.visit(), k.waitFor(),
                  k.stepId(), k.error()));
            }
          }
          Migration result = new Migration(fromVersion, target.version(), instances.size(), problems,
              problems.isEmpty() && !dryRun && fromVersion != target.version());
          if (!result.applied()) {
            return Uni.createFrom().item(result);
          }
          return Sequence.each(moved, k -> store.moveToken(t, k))
              .chain(() -> Sequence.each(instances, id -> store.setVersion(t, id, target.version())))
              .replaceWith(result);
        })))).invoke(x -> runner.wake());
  }

  private static MigrationProblem problem(FlowStore.Claimed c, String code, Map<String, ?> args) {
    dev.tessera.metamodel.model.LocalizedText text = FlowFailure.MESSAGES.text(code, args);
    return new MigrationProblem(c.instance().id().toString(), c.token().node(), code,
        text.get(dev.tessera.metamodel.model.LocalizedText.EN), text.get(dev.tessera.metamodel.model.LocalizedText.ZH));
  }

  static PlatformException refused(ErrorCode code, String message, Map<String, ?> args, String field) {
    return new PlatformException(code, FlowFailure.MESSAGES.text(message, args), field);
  }
}
